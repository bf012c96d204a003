package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BlobLayoutTest {

    @Test
    void buildsKeysOfTheDocumentedLayout() {
        assertEquals("raw/customers/dt=2026-01-31/telco.csv", BlobLayout.raw("customers", LocalDate.of(2026, 1, 31), "telco.csv"));
        assertEquals("quarantine/exec-1/telco.csv.rejected.csv", BlobLayout.quarantineRejected("exec-1", "telco.csv"));
        assertEquals("training-sets/exec-1/", BlobLayout.trainingSet("exec-1"));
        assertEquals("models/churn/3/model.tar.gz", BlobLayout.modelArtifact("churn", 3));
        assertEquals("reports/exec-1/index.html", BlobLayout.report("exec-1"));
        assertEquals("runs/churn/exec-1.json", BlobLayout.run("churn", "exec-1"));
        assertEquals("validated/customers/dt=2026-01-31/telco.csv",
                BlobLayout.validated("customers", "dt=2026-01-31", "telco.csv"));
    }

    @Test
    void readsSourcePartitionAndFileBackFromARawKey() {
        String key = "raw/customers/dt=2026-01-31/telco.csv";
        assertEquals("customers", BlobLayout.sourceOfRaw(key));
        assertEquals("dt=2026-01-31", BlobLayout.partitionOfRaw(key));
        assertEquals("telco.csv", BlobLayout.fileName(key));
    }

    @Test
    void rejectsKeysOutsideTheRawLayoutNamingTheKey() {
        for (String key : new String[] {"raw/customers/telco.csv", "validated/customers/dt=2026-01-31/a.csv", "raw/a"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlobLayout.sourceOfRaw(key));
            assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> BlobLayout.raw("..", LocalDate.of(2026, 1, 31), "a.csv"));
    }

    @Test
    void fingerprintsBytesAsLowerCaseSha256() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Fingerprint.sha256(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Fingerprint.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
