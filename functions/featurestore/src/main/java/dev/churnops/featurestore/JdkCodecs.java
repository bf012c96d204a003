package dev.churnops.featurestore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page codecs from the JDK alone: UNCOMPRESSED and GZIP (java.util.zip). parquet-java's
 * own codec factory goes through Hadoop's codec classes, and its Snappy and ZSTD need native
 * libraries; GZIP is a codec every Parquet reader has, and the JDK's writer puts no time or host in
 * its header, so the same pages always compress to the same bytes.
 */
final class JdkCodecs implements CompressionCodecFactory {

    static final JdkCodecs INSTANCE = new JdkCodecs();

    private JdkCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec);
            case GZIP -> new Compressor(codec);
            default -> throw unsupported(codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, GZIP -> new Decompressor(codec);
            default -> throw unsupported(codec);
        };
    }

    private static IllegalArgumentException unsupported(CompressionCodecName codec) {
        return new IllegalArgumentException("Parquet compression codec " + codec
                + " is not supported here: expected UNCOMPRESSED or GZIP (the codecs the JDK provides)");
    }

    @Override
    public void release() {
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(bytes.size() / 2 + 64, Integer.MAX_VALUE));
            try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
                bytes.writeAllTo(gzip);
            }
            return BytesInput.from(out.toByteArray());
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            return BytesInput.from(inflate(bytes.toByteArray(), decompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(codec == CompressionCodecName.UNCOMPRESSED ? in : inflate(in, decompressedSize));
        }

        private static byte[] inflate(byte[] compressed, int size) throws IOException {
            byte[] out = new byte[size];
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed), 8192)) {
                int n = in.readNBytes(out, 0, size);
                if (n != size || in.read() != -1) {
                    throw new IOException("GZIP page inflates to " + (n == size ? "more than " : "") + n
                            + " bytes where its header says " + size);
                }
            }
            return out;
        }

        @Override
        public void release() {
        }
    }
}
