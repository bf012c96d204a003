package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.SyntheticCustomers;
import dev.churnops.core.quality.KnownCustomers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ValidateDataTest {

    private final PipelineFixture fixture = new PipelineFixture();

    @Test
    void countsEveryRowAsValidOrQuarantined() {
        ValidateData.Result result = fixture.ingest();

        assertTrue(result.usable(), String.valueOf(result.problems()));
        assertEquals(PipelineFixture.GOOD_ROWS + 4, result.rowsIn());
        assertEquals(PipelineFixture.GOOD_ROWS, result.rowsValid());
        assertEquals(4, result.rowsQuarantined());
        assertEquals(result.rowsIn(), result.rowsValid() + result.rowsQuarantined());
        assertEquals("customers", result.source());
    }

    @Test
    void writesTheValidRowsUnderValidatedWithAManifest() {
        ValidateData.Result result = fixture.ingest();

        assertEquals("validated/customers/dt=2026-01-31/customers.csv", result.validatedKey());
        assertEquals(result.validatedKey() + ".manifest.json", result.manifestKey());
        List<String> lines = fixture.blobs.text(result.validatedKey()).lines().toList();
        assertEquals(1 + PipelineFixture.GOOD_ROWS, lines.size());
        assertEquals(SyntheticCustomers.HEADER, lines.get(0));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("C9000")), "no quarantined row is in the validated file");

        DatasetManifest manifest = fixture.read(result.manifestKey(), DatasetManifest.class);
        assertEquals(PipelineFixture.RAW_KEY, manifest.rawKey());
        assertEquals(Fingerprint.sha256(PipelineFixture.rawCsv().getBytes(StandardCharsets.UTF_8)), manifest.rawSha256());
        assertEquals(result.rawSha256(), manifest.rawSha256());
        assertEquals(PipelineFixture.GOOD_ROWS + 4, manifest.rowsIn());
        assertEquals(PipelineFixture.GOOD_ROWS, manifest.rowsValid());
        assertEquals(4, manifest.rowsQuarantined());
        // The spec is pinned with the inferred types, so later steps read the file the same way.
        DatasetSpec pinned = manifest.datasetSpec();
        assertEquals(ColumnType.NUMERIC, pinned.typeOverrides().get("tenure"));
        assertEquals(ColumnType.BOOLEAN, pinned.typeOverrides().get("Partner"));
        assertEquals(ColumnType.CATEGORICAL, pinned.typeOverrides().get("Contract"));
        assertEquals("Churn", pinned.labelColumn());
    }

    @Test
    void quarantinesTheOriginalLinesUnderTheOriginalHeader() {
        ValidateData.Result result = fixture.ingest();

        assertEquals("quarantine/ingest-1/customers.csv.rejected.csv", result.quarantineKey());
        assertEquals(SyntheticCustomers.HEADER + "\n" + PipelineFixture.BAD_LINES, fixture.blobs.text(result.quarantineKey()));
    }

    @Test
    void writesAReasonForEachQuarantinedLine() {
        ValidateData.Result result = fixture.ingest();

        List<String> reasons = fixture.blobs.text(result.reasonsKey()).lines().toList();
        assertEquals("line_number,reason", reasons.get(0));
        assertEquals(5, reasons.size());
        assertTrue(reasons.get(1).startsWith("302,") && reasons.get(1).contains("duplicate id 'C00001'")
                && reasons.get(1).contains("line 2"), reasons.get(1));
        assertTrue(reasons.get(2).startsWith("303,") && reasons.get(2).contains("'tenure'")
                && reasons.get(2).contains("twelve"), reasons.get(2));
        assertTrue(reasons.get(3).startsWith("304,") && reasons.get(3).contains("label is missing"), reasons.get(3));
        assertTrue(reasons.get(4).startsWith("305,") && reasons.get(4).contains("expected 7 fields"), reasons.get(4));
    }

    @Test
    void writesTheValidationReportAndProfiledExpectations() {
        ValidateData.Result result = fixture.ingest();

        assertEquals("reports/ingest-1/validation.json", result.reportKey());
        JsonNode report = Json.tree(fixture.blobs.get(result.reportKey()), "report");
        assertTrue(report.toString().contains("304"), report.toString());
        assertEquals("expectations/customers/ingest-1.json", result.expectationsKey());
        assertTrue(fixture.blobs.exists(result.expectationsKey()));
    }

    @Test
    void usesTheSavedExpectationSuiteWhenThereIsOne() {
        ValidateData.Result first = fixture.ingest();
        fixture.blobs.put(BlobLayout.datasetExpectations("customers"), fixture.blobs.get(first.expectationsKey()));

        ValidateData.Result second = fixture.ingest(PipelineFixture.RAW_KEY, PipelineFixture.rawCsv(), "ingest-2");

        assertEquals("config/datasets/customers.expectations.json", second.expectationsKey());
        assertFalse(fixture.blobs.exists("expectations/customers/ingest-2.json"));
        assertEquals(first.rowsValid(), second.rowsValid());
    }

    @Test
    void writesNoQuarantineWhenEveryRowIsValid() {
        ValidateData.Result result = fixture.ingest(PipelineFixture.RAW_KEY, SyntheticCustomers.csv(100, 3), "ingest-1");

        assertEquals(0, result.rowsQuarantined());
        assertNull(result.quarantineKey());
        assertNull(result.reasonsKey());
        assertTrue(fixture.blobs.list("quarantine/").isEmpty());
    }

    @Test
    void reportsAFileWithoutTheLabelColumnAsUnusableAndWritesNothingValidated() {
        String noLabel = SyntheticCustomers.csv(50, 3).lines()
                .map(l -> l.substring(0, l.lastIndexOf(','))).collect(Collectors.joining("\n", "", "\n"));

        ValidateData.Result result = fixture.ingest(PipelineFixture.RAW_KEY, noLabel, "ingest-1");

        assertFalse(result.usable());
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).contains("'Churn'"), result.problems().get(0));
        assertNull(result.validatedKey());
        assertTrue(fixture.blobs.list("validated/").isEmpty());
        JsonNode report = Json.tree(fixture.blobs.get(result.reportKey()), "report");
        assertFalse(report.get("usable").asBoolean());
        // Every row is still accounted for: quarantined with the reason, original lines kept.
        assertEquals(50, result.rowsIn());
        assertEquals(50, result.rowsQuarantined());
        String rejected = new String(fixture.blobs.get(result.quarantineKey()), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(noLabel, rejected);
        assertTrue(new String(fixture.blobs.get(result.reasonsKey()), java.nio.charset.StandardCharsets.UTF_8).contains("'Churn'"));
    }

    @Test
    void reportsASingleClassFileAsUnusableAndWritesNothingValidated() {
        String allStay = SyntheticCustomers.csv(50, 3).replace(",Yes\n", ",No\n");

        ValidateData.Result result = fixture.ingest(PipelineFixture.RAW_KEY, allStay, "ingest-1");

        assertFalse(result.usable());
        assertTrue(String.join(" ", result.problems()).contains("positive label 'Yes'"), String.valueOf(result.problems()));
        assertEquals(50, result.rowsIn());
        assertNull(result.validatedKey());
        assertNull(result.manifestKey());
        assertTrue(fixture.blobs.list("validated/").isEmpty());
    }

    @Test
    void quarantinesEveryRowOfASourceThatIsNeitherAnEventSourceNorConfigured() {
        fixture.blobs.put("raw/telemetry/dt=2026-01-31/t.csv", "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));

        ValidateData.Result result = new ValidateData(fixture.blobs, KnownCustomers.NOBODY, Clock.systemUTC())
                .run(new ValidateData.Command("raw/telemetry/dt=2026-01-31/t.csv", "ingest-1"));

        assertFalse(result.usable());
        String reason = "unknown source 'telemetry': expected one of " + dev.churnops.core.events.EventSource.names()
                + " or a dataset config at config/datasets/telemetry.json";
        assertEquals(List.of(reason), result.problems());
        assertEquals(2, result.rowsIn());
        assertEquals(0, result.rowsValid());
        assertEquals(2, result.rowsQuarantined());
        assertEquals(2, result.rejectionsByReason().get("unknown_source"));
        assertNull(result.validatedKey());
        assertEquals("a,b\n1,2\n3,4\n", new String(fixture.blobs.get(result.quarantineKey()), StandardCharsets.UTF_8));
        assertTrue(new String(fixture.blobs.get(result.reasonsKey()), StandardCharsets.UTF_8).contains("unknown source 'telemetry'"));
        assertTrue(fixture.blobs.list("validated/").isEmpty());
    }

    @Test
    void rejectsAKeyOutsideTheRawLayout() {
        fixture.blobs.put("incoming/customers.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ValidateData(fixture.blobs, KnownCustomers.NOBODY, Clock.systemUTC())
                .run(new ValidateData.Command("incoming/customers.csv", "ingest-1")));
        assertTrue(e.getMessage().contains("'incoming/customers.csv'"), e.getMessage());
    }
}
