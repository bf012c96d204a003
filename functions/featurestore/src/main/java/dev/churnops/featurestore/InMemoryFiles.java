package dev.churnops.featurestore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's own file abstractions over byte arrays, so that parquet-java reads and writes blobs
 * without Hadoop's file system: a whole Parquet file is small enough to hold in memory, and a blob
 * store hands over and takes whole objects anyway.
 */
final class InMemoryFiles {

    private InMemoryFiles() {
    }

    /** An output file whose bytes are {@link #bytes()} once the writer has closed it. */
    static final class Output implements OutputFile {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

        byte[] bytes() {
            return buffer.toByteArray();
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            buffer.reset();
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return buffer.size();
                }

                @Override
                public void write(int b) {
                    buffer.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    buffer.write(b, off, len);
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "memory";
        }
    }

    /** An input file over {@code bytes}; {@code name} is what parquet-java's messages call it. */
    static InputFile input(byte[] bytes, String name) {
        return new InputFile() {
            @Override
            public long getLength() {
                return bytes.length;
            }

            @Override
            public SeekableInputStream newStream() {
                Positioned in = new Positioned(bytes);
                return new DelegatingSeekableInputStream(in) {
                    @Override
                    public long getPos() {
                        return in.position();
                    }

                    @Override
                    public void seek(long newPos) throws IOException {
                        if (newPos < 0 || newPos > bytes.length) {
                            throw new IOException("cannot seek to " + newPos + " in " + name + " of " + bytes.length + " bytes");
                        }
                        in.seekTo((int) newPos);
                    }
                };
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static final class Positioned extends ByteArrayInputStream {
        Positioned(byte[] bytes) {
            super(bytes);
        }

        int position() {
            return pos;
        }

        void seekTo(int position) {
            pos = position;
        }
    }
}
