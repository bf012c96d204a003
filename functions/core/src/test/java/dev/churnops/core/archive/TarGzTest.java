package dev.churnops.core.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

    private static final byte[] MODEL = "{\"format\": 1}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EXACT_BLOCK = filled(512, 'b');
    private static final byte[] LARGER = filled(1500, 'c');
    private static final byte[] EMPTY = new byte[0];

    private static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (c + i % 7);
        }
        return b;
    }

    private static SortedMap<String, byte[]> files(String... order) {
        Map<String, byte[]> all = Map.of("model.json", MODEL, "baseline.json", EXACT_BLOCK, "training.json", LARGER,
                "empty.txt", EMPTY);
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (String name : order) {
            files.put(name, all.get(name));
        }
        return files;
    }

    private static SortedMap<String, byte[]> sample() {
        return files("model.json", "baseline.json", "training.json", "empty.txt");
    }

    private static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Recomputes a header's checksum after a deliberate edit, the way tar writes it. */
    private static void resum(byte[] tar, int headerOffset) {
        Arrays.fill(tar, headerOffset + 148, headerOffset + 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[headerOffset + i] & 0xff;
        }
        byte[] digits = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, tar, headerOffset + 148, 6);
        tar[headerOffset + 154] = 0;
        tar[headerOffset + 155] = ' ';
    }

    private static TarGz.CorruptArchiveException corrupt(byte[] archive) {
        return assertThrows(TarGz.CorruptArchiveException.class, () -> TarGz.read(archive, "models/churn/3/model.tar.gz"));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void writesIdenticalBytesWhateverOrderTheFilesWereAdded() {
        byte[] a = TarGz.write(files("model.json", "baseline.json", "training.json", "empty.txt"));
        byte[] b = TarGz.write(files("empty.txt", "training.json", "baseline.json", "model.json"));
        assertArrayEquals(a, b);
    }

    @Test
    void writesNoTimestampSoEveryCallGivesTheSameBytes() {
        byte[] archive = TarGz.write(sample());
        assertArrayEquals(archive, TarGz.write(sample()));
        assertEquals(0, archive[4] | archive[5] | archive[6] | archive[7], "gzip MTIME is zero");
        byte[] tar = gunzip(archive);
        assertEquals("00000000000", new String(tar, 136, 11, StandardCharsets.US_ASCII), "tar mtime of the first entry");
        assertEquals("0000644", new String(tar, 100, 7, StandardCharsets.US_ASCII), "mode");
    }

    @Test
    void readsBackEveryFileInNameOrder() {
        Map<String, byte[]> read = TarGz.read(TarGz.write(sample()), "model.tar.gz");

        assertEquals(List.of("baseline.json", "empty.txt", "model.json", "training.json"), new ArrayList<>(read.keySet()));
        for (Map.Entry<String, byte[]> e : sample().entrySet()) {
            assertArrayEquals(e.getValue(), read.get(e.getKey()), e.getKey());
        }
    }

    @Test
    void padsEveryEntryToWholeBlocksAndEndsWithTwoZeroBlocks() {
        byte[] tar = gunzip(TarGz.write(sample()));
        // 4 headers; contents of 0, 1×512, 15 → 1 block, 1500 → 3 blocks; 2 end blocks.
        assertEquals(512 * (4 + 0 + 1 + 1 + 3 + 2), tar.length);
        assertEquals("ustar", new String(tar, 257, 5, StandardCharsets.US_ASCII));
    }

    @Test
    void refusesToWriteAnUnsafeName() {
        for (String name : new String[] {"../evil", "/etc/passwd", "a\\b", "", "x".repeat(100)}) {
            SortedMap<String, byte[]> files = new TreeMap<>(Map.of(name, MODEL));
            TarGz.CorruptArchiveException e = assertThrows(TarGz.CorruptArchiveException.class, () -> TarGz.write(files), name);
            assertMentions(e, "not a safe relative file name");
        }
    }

    @Test
    void rejectsATruncatedArchiveSayingItIsTruncated() {
        byte[] archive = TarGz.write(sample());
        for (int keep : new int[] {archive.length / 3, archive.length - 9}) {
            assertMentions(corrupt(Arrays.copyOf(archive, keep)), "models/churn/3/model.tar.gz", "truncated");
        }
    }

    @Test
    void rejectsAnArchiveWhoseGzipChecksumFails() {
        byte[] archive = TarGz.write(sample());
        archive[archive.length - 8] ^= 0x40; // first byte of the CRC-32 in the gzip trailer
        assertMentions(corrupt(archive), "models/churn/3/model.tar.gz", "trailer");
    }

    @Test
    void rejectsATarCutShortInsideAWellFormedGzip() {
        byte[] tar = gunzip(TarGz.write(sample()));
        assertMentions(corrupt(gzip(Arrays.copyOf(tar, 512 + 100))), "truncated", "'baseline.json'");
        assertMentions(corrupt(gzip(Arrays.copyOf(tar, 300))), "truncated", "header");
    }

    @Test
    void rejectsBytesThatAreNotGzip() {
        TarGz.CorruptArchiveException e = corrupt("model.json is not in here".getBytes(StandardCharsets.UTF_8));
        assertMentions(e, "models/churn/3/model.tar.gz", "not a gzip-compressed tar archive");
        assertMentions(corrupt(new byte[0]), "models/churn/3/model.tar.gz");
    }

    @Test
    void rejectsAHeaderWithAFlippedByteByItsChecksum() {
        byte[] tar = gunzip(TarGz.write(sample()));
        tar[101] ^= 0x01; // a digit of the first entry's mode
        assertMentions(corrupt(gzip(tar)), "checksum", "'baseline.json'");

        byte[] size = gunzip(TarGz.write(sample()));
        size[124] = '1'; // the leading zero of the size: still octal, but 1 GiB larger
        assertMentions(corrupt(gzip(size)), "checksum");
    }

    @Test
    void rejectsASizeFieldThatIsNotAPlainOctalNumberEvenWithAValidChecksum() {
        for (String size : new String[] {"-0000000001", "+0000000017", "0000000009x"}) {
            byte[] tar = gunzip(TarGz.write(new TreeMap<>(Map.of("model.json", MODEL))));
            System.arraycopy(size.getBytes(StandardCharsets.US_ASCII), 0, tar, 124, 11);
            resum(tar, 0);
            assertMentions(corrupt(gzip(tar)), "models/churn/3/model.tar.gz", "size", size);
        }
    }

    @Test
    void rejectsAnEntryThatClimbsOutOfTheDirectory() {
        SortedMap<String, byte[]> files = new TreeMap<>(Map.of("xx/evil", MODEL));
        byte[] tar = gunzip(TarGz.write(files));
        tar[0] = '.';
        tar[1] = '.';
        resum(tar, 0);
        assertMentions(corrupt(gzip(tar)), "'../evil'", "not a safe relative file name");
    }

    @Test
    void rejectsAnAbsoluteNameAndASymbolicLink() {
        byte[] tar = gunzip(TarGz.write(new TreeMap<>(Map.of("xetc_passwd", MODEL))));
        tar[0] = '/';
        tar[4] = '/';
        resum(tar, 0);
        assertMentions(corrupt(gzip(tar)), "'/etc/passwd'");

        byte[] link = gunzip(TarGz.write(new TreeMap<>(Map.of("model.json", MODEL))));
        link[156] = '2';
        resum(link, 0);
        assertMentions(corrupt(gzip(link)), "'model.json'", "not a regular file");
    }

    @Test
    void readsNamesWithADotSlashPrefixAndSkipsDirectories() {
        byte[] tar = gunzip(TarGz.write(new TreeMap<>(Map.of("ab/", EMPTY, "xxmodel.json", MODEL))));
        tar[0] = '.';
        tar[1] = '/';
        resum(tar, 0);
        tar[512] = '.';
        tar[513] = '/';
        resum(tar, 512);
        Map<String, byte[]> read = TarGz.read(gzip(tar), "model.tar.gz");
        assertEquals(List.of("model.json"), new ArrayList<>(read.keySet()));
        assertArrayEquals(MODEL, read.get("model.json"));
    }

    // ---- the format as the system tar sees it ----

    private static boolean tarAvailable() {
        try {
            Process p = new ProcessBuilder("tar", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run tar(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(List.of(args));
        File err = Files.createTempFile(dir.getParent(), "tar", ".err").toFile();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tar finished");
        return new Run(p.exitValue(), out, Files.readString(err.toPath()));
    }

    @Test
    void systemTarListsTheEntriesInOrder(@TempDir Path temp) throws Exception {
        assumeTrue(tarAvailable(), "no tar command on this machine");
        Path dir = Files.createDirectories(temp.resolve("work"));
        Files.write(dir.resolve("model.tar.gz"), TarGz.write(sample()));

        Run list = tar(dir, "-tzf", "model.tar.gz");
        assertEquals(0, list.exit(), list.stderr());
        assertEquals("", list.stderr());
        assertEquals(List.of("baseline.json", "empty.txt", "model.json", "training.json"), list.stdout().lines().toList());
    }

    @Test
    void systemTarExtractsTheSameBytes(@TempDir Path temp) throws Exception {
        assumeTrue(tarAvailable(), "no tar command on this machine");
        Path dir = Files.createDirectories(temp.resolve("out"));
        Files.write(temp.resolve("model.tar.gz"), TarGz.write(sample()));

        Run extract = tar(dir, "-xzf", temp.resolve("model.tar.gz").toString());
        assertEquals(0, extract.exit(), extract.stderr());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of("baseline.json", "empty.txt", "model.json", "training.json"),
                    listing.map(p -> p.getFileName().toString()).sorted(Comparator.naturalOrder()).toList());
        }
        for (Map.Entry<String, byte[]> e : sample().entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(dir.resolve(e.getKey())), e.getKey());
        }
    }

    @Test
    void readsAnArchiveTheSystemTarWrote(@TempDir Path temp) throws Exception {
        assumeTrue(tarAvailable(), "no tar command on this machine");
        Path dir = Files.createDirectories(temp.resolve("in"));
        for (Map.Entry<String, byte[]> e : sample().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        for (String format : new String[] {"gnu", "ustar", "posix"}) {
            Path archive = temp.resolve(format + ".tar.gz");
            Run create = tar(dir, "--format=" + format, "-czf", archive.toString(), "model.json", "training.json",
                    "baseline.json", "empty.txt");
            assertEquals(0, create.exit(), create.stderr());
            Map<String, byte[]> read = TarGz.read(Files.readAllBytes(archive), archive.getFileName().toString());
            assertEquals(sample().keySet(), new TreeMap<>(read).keySet(), format);
            for (Map.Entry<String, byte[]> e : sample().entrySet()) {
                assertArrayEquals(e.getValue(), read.get(e.getKey()), format + " " + e.getKey());
            }
        }
    }

    @Test
    void readsALongNameFromAPaxOrGnuLongNameHeader(@TempDir Path temp) throws Exception {
        assumeTrue(tarAvailable(), "no tar command on this machine");
        String longName = "a".repeat(120) + ".json";
        Path dir = Files.createDirectories(temp.resolve("long"));
        Files.writeString(dir.resolve(longName), "{}");
        for (String format : new String[] {"gnu", "posix"}) {
            Path archive = temp.resolve(format + "-long.tar.gz");
            Run create = tar(dir, "--format=" + format, "-czf", archive.toString(), longName);
            assertEquals(0, create.exit(), create.stderr());
            Map<String, byte[]> read = TarGz.read(Files.readAllBytes(archive), format);
            assertEquals(List.of(longName), List.copyOf(read.keySet()), format);
            assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), read.get(longName), format);
        }
    }
}
