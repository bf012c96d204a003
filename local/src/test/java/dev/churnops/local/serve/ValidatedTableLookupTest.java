package dev.churnops.local.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.DatasetManifest;
import dev.churnops.local.adapter.DirectoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Customer features from the newest validated file of a source, typed as a scoring request carries them. */
class ValidatedTableLookupTest {

    @TempDir
    Path dir;

    private static final DatasetSpec SPEC = DatasetSpec.builder().name("shop").idColumn("customer_id")
            .labelColumn("churned").positiveLabel("yes").type("plan", ColumnType.CATEGORICAL)
            .type("tenure", ColumnType.NUMERIC).type("opt_in", ColumnType.BOOLEAN).build();

    private static void putValidated(DirectoryBlobStore blobs, String partition, String csv, DatasetSpec spec) {
        String key = BlobLayout.validated("shop", partition, "customers.csv");
        blobs.put(key, csv.getBytes(StandardCharsets.UTF_8));
        blobs.put(BlobLayout.manifestOf(key), Json.write(new DatasetManifest(DatasetManifest.specAsMap(spec),
                "raw/shop/" + partition + "/customers.csv", "0".repeat(64), 2, 2, 0)));
    }

    @Test
    void typesValuesAsARequestCarriesThemAndLeavesTheLabelOut() {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        putValidated(blobs, "dt=2026-01-01", "customer_id,plan,tenure,opt_in,churned\nA1,basic,12,true,no\nA2,,NA,false,yes\n",
                SPEC);

        ValidatedTableLookup lookup = ValidatedTableLookup.load(blobs, "shop").orElseThrow();

        assertEquals(2, lookup.size());
        Map<String, Object> a1 = lookup.latest("A1").orElseThrow();
        assertEquals(Map.of("plan", "basic", "tenure", 12.0, "opt_in", true), a1);
        Map<String, Object> a2 = lookup.latest("A2").orElseThrow();
        assertTrue(a2.containsKey("plan") && a2.containsKey("tenure"), a2::toString);
        assertNull(a2.get("plan"));
        assertNull(a2.get("tenure"));
        assertEquals(false, a2.get("opt_in"));
        assertFalse(a1.containsKey("churned") || a1.containsKey("customer_id"));
        assertEquals(Optional.empty(), lookup.latest("A3"));
    }

    @Test
    void readsTheNewestPartition() {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        putValidated(blobs, "dt=2026-01-01", "customer_id,plan,tenure,opt_in,churned\nA1,basic,12,true,no\nA2,plus,1,true,yes\n",
                SPEC);
        putValidated(blobs, "dt=2026-02-01", "customer_id,plan,tenure,opt_in,churned\nA1,premium,13,false,no\nA2,plus,2,true,yes\n",
                SPEC);

        ValidatedTableLookup lookup = ValidatedTableLookup.load(blobs, "shop").orElseThrow();

        assertEquals("validated/shop/dt=2026-02-01/customers.csv", lookup.validatedKey());
        assertEquals(13.0, lookup.latest("A1").orElseThrow().get("tenure"));
    }

    @Test
    void aSourceWithoutValidatedDataHasNoLookup() {
        assertEquals(Optional.empty(), ValidatedTableLookup.load(new DirectoryBlobStore(dir), "shop"));
    }

    @Test
    void aTableWithoutAnIdColumnCannotBeLookedUp() {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        DatasetSpec noId = DatasetSpec.builder().name("shop").labelColumn("churned").positiveLabel("yes").build();
        putValidated(blobs, "dt=2026-01-01", "plan,tenure,churned\nbasic,12,no\nplus,3,yes\n", noId);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidatedTableLookup.load(blobs, "shop"));

        assertTrue(e.getMessage().contains("no customer id column"), e.getMessage());
    }

    @Test
    void theModelNameImpliesItsSource() {
        assertEquals(Optional.of("customers"), ValidatedTableLookup.impliedSource("churn"));
        assertEquals(Optional.of("telco-customer-churn"), ValidatedTableLookup.impliedSource("churn-telco-customer-churn"));
        assertEquals(Optional.empty(), ValidatedTableLookup.impliedSource("retention"));
    }

    @Test
    void loadsTheBuiltInTableOfATrainedHome() {
        ValidatedTableLookup lookup = ValidatedTableLookup.load(new DirectoryBlobStore(ServeFixtures.trainedHome()),
                "customers").orElseThrow();

        assertEquals(3000, lookup.size());
        Map<String, Object> c1 = lookup.latest("C00001").orElseThrow();
        assertEquals("basic", c1.get("plan"));
        assertEquals(18.0, c1.get("tenure_months"));
        assertEquals(true, c1.get("email_opt_in"));
        assertFalse(c1.containsKey("churned"));
    }
}
