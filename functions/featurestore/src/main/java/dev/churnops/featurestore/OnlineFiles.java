package dev.churnops.featurestore;

import dev.churnops.core.features.FeatureSchema;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The binary form of the embedded online store's files. Both kinds start with an 8-byte magic
 * ({@code CHOLBASE} or {@code CHOLSEGM}), a format version (int) and the schema (view name, then
 * per column its name and a type byte, 0 = DOUBLE, 1 = STRING); a base then has the highest segment
 * number it includes (long); both then have the row count (int) and the rows, each as entity id,
 * event time and write time (longs, epoch seconds), the numeric features in schema order (IEEE
 * doubles, NaN = missing) and the text features in schema order. Strings are an int byte length
 * (-1 = null) and UTF-8 bytes; numbers are big-endian. A CRC-32 of everything before it ends the
 * file. The same rows in the same order always give the same bytes.
 */
final class OnlineFiles {

    static final byte[] BASE_MAGIC = "CHOLBASE".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SEGMENT_MAGIC = "CHOLSEGM".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private OnlineFiles() {
    }

    /** Appends to a growing heap buffer. */
    static final class Writer {
        private ByteBuffer buf;

        Writer(int initial) {
            buf = ByteBuffer.allocate(Math.max(64, initial));
        }

        private void ensure(int n) {
            if (buf.remaining() < n) {
                long need = (long) buf.position() + n;
                long size = Math.max(need, (long) buf.capacity() * 2);
                if (size > Integer.MAX_VALUE - 16) {
                    if (need > Integer.MAX_VALUE - 16) {
                        throw new IllegalStateException("online store file would exceed 2 GB: compact into more views");
                    }
                    size = Integer.MAX_VALUE - 16;
                }
                buf = ByteBuffer.allocate((int) size).put(buf.flip());
            }
        }

        Writer bytes(byte[] b) {
            ensure(b.length);
            buf.put(b);
            return this;
        }

        Writer i32(int v) {
            ensure(4);
            buf.putInt(v);
            return this;
        }

        Writer i64(long v) {
            ensure(8);
            buf.putLong(v);
            return this;
        }

        Writer f64(double v) {
            ensure(8);
            // Raw bits: NaN stays the one NaN the store uses for "missing", and -0.0 stays -0.0.
            buf.putLong(Double.doubleToRawLongBits(v));
            return this;
        }

        Writer string(String s) {
            if (s == null) {
                return i32(-1);
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return i32(b.length).bytes(b);
        }

        Writer header(byte[] magic, FeatureSchema schema) {
            bytes(magic).i32(VERSION).string(schema.view()).i32(schema.size());
            for (FeatureSchema.Column c : schema.columns()) {
                string(c.name());
                ensure(1);
                buf.put((byte) c.type().ordinal());
            }
            return this;
        }

        /** The content with its CRC-32 appended. */
        byte[] finish() {
            CRC32 crc = new CRC32();
            crc.update(buf.array(), 0, buf.position());
            i32((int) crc.getValue());
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }

    /** Reads a file, failing with the key in the message when it is damaged. */
    static final class Reader {
        private final String key;
        private final ByteBuffer buf;

        Reader(String key, byte[] content) {
            this.key = key;
            if (content.length < 12) {
                throw damaged(key, "it is " + content.length + " bytes, shorter than any online store file");
            }
            CRC32 crc = new CRC32();
            crc.update(content, 0, content.length - 4);
            int stored = ByteBuffer.wrap(content, content.length - 4, 4).getInt();
            if (stored != (int) crc.getValue()) {
                throw damaged(key, "its CRC-32 is " + Integer.toHexString((int) crc.getValue()) + " where the file says "
                        + Integer.toHexString(stored));
            }
            this.buf = ByteBuffer.wrap(content, 0, content.length - 4);
        }

        /** Checks the magic, version and schema against {@code schema}. */
        void header(byte[] magic, FeatureSchema schema) {
            byte[] m = new byte[8];
            get(m);
            if (!Arrays.equals(m, magic)) {
                throw damaged(key, "it starts with '" + new String(m, StandardCharsets.ISO_8859_1) + "' where '"
                        + new String(magic, StandardCharsets.US_ASCII) + "' was expected");
            }
            int version = i32();
            if (version != VERSION) {
                throw damaged(key, "it is format version " + version + ", and this reader knows version " + VERSION);
            }
            String view = string();
            int columns = i32();
            List<FeatureSchema.Column> found = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                String name = string();
                int type = u8();
                if (type >= FeatureSchema.ValueType.values().length) {
                    throw damaged(key, "column '" + name + "' has type code " + type);
                }
                found.add(new FeatureSchema.Column(name, FeatureSchema.ValueType.values()[type]));
            }
            if (!schema.view().equals(view)) {
                throw new OnlineStoreFileException("online store file '" + key + "' is of view '" + view
                        + "', not of view '" + schema.view() + "'");
            }
            for (int c = 0; c < Math.max(found.size(), schema.size()); c++) {
                FeatureSchema.Column want = c < schema.size() ? schema.columns().get(c) : null;
                FeatureSchema.Column got = c < found.size() ? found.get(c) : null;
                if (!java.util.Objects.equals(want, got)) {
                    throw new OnlineStoreFileException("online store file '" + key + "' has "
                            + (got == null ? "no column " + (c + 1) : "column " + (c + 1) + " '" + got.name() + "' " + got.type())
                            + " where view '" + schema.view() + "' has "
                            + (want == null ? "none" : "'" + want.name() + "' " + want.type()));
                }
            }
        }

        private void get(byte[] b) {
            try {
                buf.get(b);
            } catch (BufferUnderflowException e) {
                throw cut();
            }
        }

        int u8() {
            try {
                return buf.get() & 0xff;
            } catch (BufferUnderflowException e) {
                throw cut();
            }
        }

        int i32() {
            try {
                return buf.getInt();
            } catch (BufferUnderflowException e) {
                throw cut();
            }
        }

        long i64() {
            try {
                return buf.getLong();
            } catch (BufferUnderflowException e) {
                throw cut();
            }
        }

        double f64() {
            return Double.longBitsToDouble(i64());
        }

        /** A count that must be non-negative and fit in what is left at {@code minBytesEach}. */
        int count(String what, int minBytesEach) {
            int n = i32();
            if (n < 0 || (long) n * minBytesEach > buf.remaining()) {
                throw damaged(key, what + " count " + n + " does not fit in the " + buf.remaining() + " bytes left");
            }
            return n;
        }

        String string() {
            int n = i32();
            if (n == -1) {
                return null;
            }
            if (n < 0 || n > buf.remaining()) {
                throw damaged(key, "a string of " + n + " bytes does not fit in the " + buf.remaining() + " bytes left");
            }
            String s = new String(buf.array(), buf.arrayOffset() + buf.position(), n, StandardCharsets.UTF_8);
            buf.position(buf.position() + n);
            return s;
        }

        void end() {
            if (buf.hasRemaining()) {
                throw damaged(key, buf.remaining() + " bytes follow the last row");
            }
        }

        private OnlineStoreFileException cut() {
            return damaged(key, "it ends in the middle of a value");
        }
    }

    static OnlineStoreFileException damaged(String key, String why) {
        return new OnlineStoreFileException("online store file '" + key + "' is damaged: " + why);
    }
}
