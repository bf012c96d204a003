package dev.churnops.core.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes the flat {@code model.tar.gz} archives SageMaker uses for model artifacts.
 * Writing is reproducible: entries in name order, fixed mode, owner and a zero modification time,
 * and a gzip header without a timestamp, so the same files always give the same bytes. Reading
 * rejects anything but regular files with safe relative names and bounds the total size.
 */
public final class TarGz {

    private static final int BLOCK = 512;
    /** Archives larger than this are refused when read: a model artifact is megabytes, not gigabytes. */
    public static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;

    private TarGz() {
    }

    public static byte[] write(SortedMap<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                // Our writer emits plain ustar headers, whose name field holds 99 characters.
                checkName(e.getKey(), 99);
                gzip.write(header(e.getKey(), e.getValue().length));
                gzip.write(e.getValue());
                int pad = (BLOCK - e.getValue().length % BLOCK) % BLOCK;
                gzip.write(new byte[pad]);
            }
            gzip.write(new byte[2 * BLOCK]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Unpacks {@code archive}; {@code source} names it in error messages. */
    public static Map<String, byte[]> read(byte[] archive, String source) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        // A long name from a PAX extended header ('x', key "path") or a GNU long-name entry ('L')
        // applies to the entry that follows: Python's tarfile and `tar --format=posix` write these.
        String longName = null;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            while (true) {
                byte[] header = in.readNBytes(BLOCK);
                if (header.length < BLOCK) {
                    throw new CorruptArchiveException(source + " is truncated: a tar header is incomplete");
                }
                if (isZero(header)) {
                    // Read on to the end of the stream so the gzip trailer (CRC-32 and length) is checked:
                    // without it a stream cut short or altered after the last entry would pass unnoticed.
                    drain(in, source, total);
                    return files;
                }
                String name = string(header, 0, 100);
                String prefix = string(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                char type = (char) header[156];
                long size = octal(header, 124, 12, source);
                if (!checksumMatches(header)) {
                    throw new CorruptArchiveException(source + " is corrupt: the tar header of '" + name + "' fails its checksum");
                }
                total += size;
                if (total > MAX_UNPACKED_BYTES) {
                    throw new CorruptArchiveException(source + " unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
                }
                byte[] content = in.readNBytes((int) size);
                if (content.length < size) {
                    throw new CorruptArchiveException(source + " is truncated inside '" + name + "'");
                }
                in.readNBytes((int) ((BLOCK - size % BLOCK) % BLOCK));
                if (type == 'x') {
                    longName = paxPath(content, source);
                    continue;
                }
                if (type == 'L') {
                    longName = string(content, 0, content.length);
                    continue;
                }
                if (type == 'g') {
                    continue;
                }
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                if (type == '5' || name.endsWith("/")) {
                    continue;
                }
                if (files.containsKey(name.startsWith("./") ? name.substring(2) : name)) {
                    throw new CorruptArchiveException(source + ": entry '" + name + "' appears twice");
                }
                if (type != '0' && type != '\0') {
                    throw new CorruptArchiveException(source + ": entry '" + name + "' is not a regular file (type '" + type + "')");
                }
                String clean = name.startsWith("./") ? name.substring(2) : name;
                checkName(clean, 255);
                files.put(clean, content);
            }
        } catch (EOFException e) {
            // A gzip stream that ends early is a truncated archive, not a foreign format.
            throw new CorruptArchiveException(source + " is truncated: the gzip stream ends early (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new CorruptArchiveException(source + " is not a gzip-compressed tar archive: " + e.getMessage());
        }
    }

    /** The {@code path} record of a PAX extended header ("LEN path=VALUE\n" records), or null. */
    private static String paxPath(byte[] records, String source) {
        int i = 0;
        String path = null;
        while (i < records.length) {
            int space = i;
            while (space < records.length && records[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(records, i, space - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new CorruptArchiveException(source + " is corrupt: a PAX header record has no length");
            }
            if (length <= space - i || i + length > records.length) {
                throw new CorruptArchiveException(source + " is corrupt: a PAX header record overruns its header");
            }
            String record = new String(records, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
            if (record.startsWith("path=")) {
                path = record.substring("path=".length());
            }
            i += length;
        }
        return path;
    }

    private static void drain(InputStream in, String source, long unpacked) throws IOException {
        byte[] buffer = new byte[8192];
        long total = unpacked;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > MAX_UNPACKED_BYTES) {
                throw new CorruptArchiveException(source + " unpacks to more than " + MAX_UNPACKED_BYTES + " bytes");
            }
        }
    }

    private static byte[] header(String name, long size) {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, n.length);
        putOctal(h, 100, 8, 0644);
        putOctal(h, 108, 8, 0);
        putOctal(h, 116, 8, 0);
        putOctal(h, 124, 12, size);
        putOctal(h, 136, 12, 0);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = '0';
        byte[] magic = "ustar\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        h[263] = '0';
        h[264] = '0';
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        putOctal(h, 148, 7, sum);
        h[155] = ' ';
        return h;
    }

    private static boolean checksumMatches(byte[] h) {
        long expected;
        try {
            expected = Long.parseLong(string(h, 148, 8).trim(), 8);
        } catch (NumberFormatException e) {
            return false;
        }
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        return sum == expected;
    }

    private static void putOctal(byte[] h, int offset, int length, long value) {
        String s = Long.toOctalString(value);
        String padded = "0".repeat(length - 1 - s.length()) + s;
        byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
        h[offset + length - 1] = 0;
    }

    private static long octal(byte[] h, int offset, int length, String source) {
        String s = string(h, offset, length).trim();
        // Digits only: Long.parseLong would also take a sign, and a negative size breaks the reading below.
        if (!s.matches("[0-7]*")) {
            throw new CorruptArchiveException(source + " is corrupt: tar size field '" + s + "' is not octal");
        }
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    private static String string(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkName(String name, int maxLength) {
        if (name.isEmpty() || name.length() > maxLength || name.startsWith("/") || name.contains("..") || name.contains("\\")) {
            throw new CorruptArchiveException("archive entry name '" + name + "' is not a safe relative file name");
        }
    }

    /** An archive that cannot be read: truncated, not gzip, or with unsafe entries. */
    public static final class CorruptArchiveException extends RuntimeException {
        public CorruptArchiveException(String message) {
            super(message);
        }
    }
}
