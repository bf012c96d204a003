package dev.churnops.local.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.port.BlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryBlobStoreTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putsTheBytesAtTheKeysPathAndGetsThemBack() throws IOException {
        DirectoryBlobStore store = new DirectoryBlobStore(dir.resolve("home"));

        store.put("raw/customers/dt=2026-12-01/customers.csv", bytes("a,b\n1,2\n"));

        assertArrayEquals(bytes("a,b\n1,2\n"), store.get("raw/customers/dt=2026-12-01/customers.csv"));
        assertArrayEquals(bytes("a,b\n1,2\n"),
                Files.readAllBytes(dir.resolve("home/raw/customers/dt=2026-12-01/customers.csv")));
        assertTrue(store.exists("raw/customers/dt=2026-12-01/customers.csv"));
    }

    @Test
    void findsNothingForAMissingKeyAndGetNamesIt() {
        DirectoryBlobStore store = new DirectoryBlobStore(dir);

        assertEquals(Optional.empty(), store.find("models/churn/1/model.tar.gz"));
        assertFalse(store.exists("models/churn/1/model.tar.gz"));
        BlobStore.MissingBlobException e = assertThrows(BlobStore.MissingBlobException.class,
                () -> store.get("models/churn/1/model.tar.gz"));
        assertTrue(e.getMessage().contains("models/churn/1/model.tar.gz"), e::getMessage);
    }

    @Test
    void deletesAKeyAndIgnoresOneThatIsNotThere() {
        DirectoryBlobStore store = new DirectoryBlobStore(dir);
        store.put("features/online/v/segment-0000000001.bin", bytes("s1"));
        store.put("features/online/v/segment-0000000002.bin", bytes("s2"));

        store.delete("features/online/v/segment-0000000001.bin");
        store.delete("features/online/v/segment-0000000009.bin");

        assertEquals(List.of("features/online/v/segment-0000000002.bin"), store.list("features/online/v/"));
    }

    @Test
    void overwritesAnExistingKey() {
        DirectoryBlobStore store = new DirectoryBlobStore(dir);
        store.put("config/datasets/customers.json", bytes("{\"v\": 1}"));

        store.put("config/datasets/customers.json", bytes("{\"v\": 2}"));

        assertArrayEquals(bytes("{\"v\": 2}"), store.get("config/datasets/customers.json"));
        assertEquals(List.of("config/datasets/customers.json"), store.list("config/"));
    }

    @Test
    void putIfAbsentStoresOnlyWhileTheKeyIsFreeAndLeavesNoTemporaryFile() throws IOException {
        DirectoryBlobStore store = new DirectoryBlobStore(dir);

        boolean first = store.putIfAbsent("models/churn/1/model.tar.gz", bytes("first"));
        boolean second = store.putIfAbsent("models/churn/1/model.tar.gz", bytes("second"));

        assertTrue(first);
        assertFalse(second);
        assertArrayEquals(bytes("first"), store.get("models/churn/1/model.tar.gz"));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().startsWith(".put-")).count());
        }
    }

    @Test
    void putIfAbsentLetsOneOfTwoStoresOnTheSameDirectoryWin() {
        DirectoryBlobStore one = new DirectoryBlobStore(dir);
        DirectoryBlobStore other = new DirectoryBlobStore(dir);

        List<Boolean> won = List.of(one.putIfAbsent("models/churn/1/model.tar.gz", bytes("one")),
                other.putIfAbsent("models/churn/1/model.tar.gz", bytes("other")));

        assertEquals(List.of(true, false), won);
        assertArrayEquals(bytes("one"), other.get("models/churn/1/model.tar.gz"));
    }

    @Test
    void listsTheKeysUnderAPrefixInLexicographicOrder() {
        DirectoryBlobStore store = new DirectoryBlobStore(dir);
        for (String key : List.of("models/churn/2/version.json", "models/churn/10/version.json", "models/churn/1/version.json",
                "models/churn-eu/1/version.json", "raw/customers/dt=2026-12-01/customers.csv")) {
            store.put(key, bytes(key));
        }

        assertEquals(List.of("models/churn/1/version.json", "models/churn/10/version.json", "models/churn/2/version.json"),
                store.list("models/churn/"));
        assertEquals(5, store.list("").size());
        assertEquals(List.of(), store.list("quarantine/"));
    }

    @Test
    void listsNothingWhenTheRootDoesNotExistYet() {
        assertEquals(List.of(), new DirectoryBlobStore(dir.resolve("not-yet")).list(""));
    }

    @Test
    void leavesNoTemporaryFilesBehindAndNeverListsThem() throws IOException {
        DirectoryBlobStore store = new DirectoryBlobStore(dir);
        store.put("raw/customers/dt=2026-12-01/customers.csv", bytes("x"));
        store.put("raw/customers/dt=2026-12-01/customers.csv", bytes("y"));
        // What a write interrupted between creating its temporary file and moving it would leave.
        Files.write(dir.resolve("raw/customers/dt=2026-12-01/.put-123456.tmp"), bytes("half"));

        assertEquals(List.of("raw/customers/dt=2026-12-01/customers.csv"), store.list("raw/"));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith(".put-")).count(),
                    "only the simulated leftover; put cleans up its own");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.csv", "raw/../../outside.csv", "raw/./customers.csv", "/etc/passwd",
            "raw//customers.csv", "raw\\customers.csv", "", " "})
    void rejectsKeysThatCouldLeaveTheStoreOrAreNotInTheLayout(String key) {
        DirectoryBlobStore store = new DirectoryBlobStore(dir.resolve("home"));

        assertThrows(IllegalArgumentException.class, () -> store.put(key, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.find(key));
        assertThrows(IllegalArgumentException.class, () -> store.exists(key));
        assertFalse(Files.exists(dir.resolve("outside.csv")));
    }

    @Test
    void namesTheKeyItRejects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DirectoryBlobStore(dir).put("raw/../../etc/passwd", bytes("x")));

        assertTrue(e.getMessage().contains("raw/../../etc/passwd"), e::getMessage);
    }
}
