package dev.churnops.core.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlobStoreTest {

    @Test
    void acceptsLayoutKeysUnchanged() {
        assertEquals("raw/customers/dt=2026-01-31/a.csv", BlobStore.checkKey("raw/customers/dt=2026-01-31/a.csv"));
    }

    @Test
    void rejectsKeysThatAreBlankAbsoluteOrClimbOut() {
        for (String key : new String[] {"", " ", "/raw/a.csv", "raw\\a.csv", "raw/../config/x.json", "raw/./a.csv",
                "raw//a.csv", "raw/"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlobStore.checkKey(key), key);
            assertTrue(e.getMessage().contains("blob key"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> BlobStore.checkKey(null));
    }

    @Test
    void getNamesTheKeyThatIsMissing() {
        BlobStore.MissingBlobException e = assertThrows(BlobStore.MissingBlobException.class,
                () -> new InMemoryBlobStore().get("models/churn/1/model.tar.gz"));
        assertTrue(e.getMessage().contains("'models/churn/1/model.tar.gz'"), e.getMessage());
    }

    @Test
    void theInMemoryStoreListsByPrefixInOrderAndKeepsItsOwnCopy() {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        byte[] content = "a".getBytes(StandardCharsets.UTF_8);
        blobs.put("validated/b/2.csv", content);
        blobs.put("validated/a/1.csv", content);
        blobs.put("validated-old/x.csv", content);
        blobs.put("raw/a.csv", content);
        content[0] = 'z';

        assertEquals(List.of("validated/a/1.csv", "validated/b/2.csv"), blobs.list("validated/"));
        assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), blobs.get("raw/a.csv"));
        assertTrue(blobs.exists("raw/a.csv"));
        assertFalse(blobs.exists("raw/b.csv"));
        assertThrows(IllegalArgumentException.class, () -> blobs.put("../a.csv", content));
    }

    @Test
    void theInMemoryStorePutsIfAbsentOnlyOnce() {
        InMemoryBlobStore blobs = new InMemoryBlobStore();

        assertTrue(blobs.putIfAbsent("models/churn/1/model.tar.gz", "first".getBytes(StandardCharsets.UTF_8)));
        assertFalse(blobs.putIfAbsent("models/churn/1/model.tar.gz", "second".getBytes(StandardCharsets.UTF_8)));

        assertEquals("first", blobs.text("models/churn/1/model.tar.gz"));
    }

    @Test
    void inMemoryDeleteRemovesTheKeyAndIgnoresAMissingOne() {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        blobs.put("a/b.json", "1".getBytes(StandardCharsets.UTF_8));

        blobs.delete("a/b.json");
        blobs.delete("a/b.json");

        assertFalse(blobs.exists("a/b.json"));
    }

    @Test
    void theDefaultPutIfAbsentChecksThenPuts() {
        InMemoryBlobStore backing = new InMemoryBlobStore();
        BlobStore plain = new BlobStore() {
            @Override
            public void put(String key, byte[] content) {
                backing.put(key, content);
            }

            @Override
            public java.util.Optional<byte[]> find(String key) {
                return backing.find(key);
            }

            @Override
            public boolean exists(String key) {
                return backing.exists(key);
            }

            @Override
            public void delete(String key) {
                backing.delete(key);
            }

            @Override
            public List<String> list(String prefix) {
                return backing.list(prefix);
            }
        };

        assertTrue(plain.putIfAbsent("a/b.json", "1".getBytes(StandardCharsets.UTF_8)));
        assertFalse(plain.putIfAbsent("a/b.json", "2".getBytes(StandardCharsets.UTF_8)));
        assertEquals("1", backing.text("a/b.json"));
    }
}
