package dev.churnops.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.json.Json;
import dev.churnops.core.port.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunStoreTest {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final RunStore store = new RunStore(blobs);

    @Test
    void savesUnderRunsModelExecutionAndReadsBackTheSameRecord() {
        RunRecord run = RunRecords.succeeded("training-1", "churn", 42);

        String key = store.save(run);

        assertEquals("runs/churn/training-1.json", key);
        assertEquals(run, store.read(key));
    }

    @Test
    void listsEveryModelsRunsOrOneModelsAndFindsARunByIdAlone() {
        store.save(RunRecords.succeeded("training-1", "churn", 42));
        store.save(RunRecords.succeeded("training-2", "churn-telco", 7));
        blobs.put("runs/churn/notes.txt", "not a run".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("runs/churn-telco/training-2.json", "runs/churn/training-1.json"), store.keys(null));
        assertEquals(List.of("runs/churn/training-1.json"), store.keys("churn"));
        assertEquals(Optional.of("runs/churn-telco/training-2.json"), store.keyOf("training-2"));
        assertEquals(7, store.find("training-2").orElseThrow().seed());
        assertEquals(Optional.empty(), store.keyOf("training-3"));
        assertEquals(Optional.empty(), store.keyOf("../training-1"), "an id is a name, never a path");
    }

    @Test
    void aCorruptDocumentFailsNamingItsKey() {
        blobs.put("runs/churn/training-9.json", "{\"run_id\": \"training-9\", ".getBytes(StandardCharsets.UTF_8));

        Json.InvalidDocumentException e = assertThrows(Json.InvalidDocumentException.class,
                () -> store.read("runs/churn/training-9.json"));

        assertTrue(e.getMessage().contains("run document runs/churn/training-9.json"), e::getMessage);
        assertThrows(Json.InvalidDocumentException.class, () -> store.document("runs/churn/training-9.json"));
    }
}
