package dev.churnops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The contents of a list of files, in order, read a few files ahead on a thread of its own: the
 * reading (a copy out of the page cache) overlaps applying the files read before, instead of
 * leaving the applying threads idle while each file is read. A failed read is rethrown by
 * {@link #next()} at that file.
 */
final class FilesAhead implements AutoCloseable {

    /** A file's bytes, or why it could not be read. */
    private record Read(byte[] bytes, IOException failure) {
    }

    private final BlockingQueue<Read> queue;
    private final Thread reader;
    private final List<Path> paths;
    private int taken;

    FilesAhead(List<Path> paths, int ahead) {
        this.paths = List.copyOf(paths);
        this.queue = new ArrayBlockingQueue<>(ahead);
        this.reader = new Thread(this::readAll, "files-ahead");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        try {
            for (Path p : paths) {
                Read read;
                try {
                    read = new Read(Files.readAllBytes(p), null);
                } catch (IOException e) {
                    read = new Read(null, e);
                }
                queue.put(read);
                if (read.failure() != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Closed before every file was taken.
        }
    }

    /** The bytes of the next file. */
    byte[] next() throws InterruptedException {
        if (taken == paths.size()) {
            throw new IllegalStateException("all " + paths.size() + " files were taken already");
        }
        Read read = queue.take();
        Path p = paths.get(taken++);
        if (read.failure() != null) {
            throw new UncheckedIOException("could not read " + p, read.failure());
        }
        return read.bytes();
    }

    @Override
    public void close() throws InterruptedException {
        reader.interrupt();
        reader.join();
    }
}
