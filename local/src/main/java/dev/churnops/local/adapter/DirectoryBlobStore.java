package dev.churnops.local.adapter;

import dev.churnops.core.port.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local stand-in for S3: a directory whose relative paths are the blob keys. Writes go to a
 * temporary file that is then moved into place, so a reader never sees half an object.
 */
public final class DirectoryBlobStore implements BlobStore {

    private final Path root;

    public DirectoryBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The file behind {@code key}; the key is checked so it cannot leave the root. */
    public Path path(String key) {
        Path p = root.resolve(BlobStore.checkKey(key)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("blob key '" + key + "' leaves the store");
        }
        return p;
    }

    @Override
    public void put(String key, byte[] content) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write blob '" + key + "'", e);
        }
    }

    /**
     * Create-new semantics, atomic even between processes: the content is written to a temporary
     * file which is then hard-linked to the key's path, and linking fails when that path exists.
     * Where the file system has no hard links, the key's file is created with
     * {@link StandardOpenOption#CREATE_NEW} and written in place (still exclusive, but a reader
     * could then see it before it is complete).
     */
    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            try {
                Files.write(tmp, content);
                Files.createLink(target, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                return createNew(target, content);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write blob '" + key + "'", e);
        }
    }

    private static boolean createNew(Path target, byte[] content) throws IOException {
        try {
            Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public Optional<byte[]> find(String key) {
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob '" + key + "'", e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete blob '" + key + "'", e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        // Walk only the deepest directory the prefix names, not the whole store: a home with
        // months of captures and scores must still list a model's versions quickly.
        String dirPart = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
        Path start = dirPart.isEmpty() ? root : root.resolve(dirPart).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix) && !k.substring(k.lastIndexOf('/') + 1).startsWith(".put-"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list blobs under '" + prefix + "'", e);
        }
    }
}
