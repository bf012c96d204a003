package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.quality.EventQualityReport;
import dev.churnops.core.quality.KnownCustomers;
import dev.churnops.core.quality.VolumeHistory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidateEventDataTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T00:00:00Z"), ZoneOffset.UTC);
    private static final KnownCustomers CUSTOMERS = KnownCustomers.of(Map.of("c1", EventTime.parse("2026-01-01T00:00:00Z")));

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final ValidateData validate = new ValidateData(blobs, CUSTOMERS, CLOCK);

    private ValidateData.Result ingest(String key, String csv, String execution) {
        blobs.put(key, csv.getBytes(StandardCharsets.UTF_8));
        ValidateData.Result result = validate.run(new ValidateData.Command(key, execution));
        assertEquals(result.rowsIn(), result.rowsValid() + result.rowsQuarantined(), "rows in = valid + quarantined");
        return result;
    }

    private static String orders(LocalDate day, int rows) {
        StringBuilder csv = new StringBuilder(EventSource.ORDERS.header()).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append("o").append(i).append(",c1,").append(day).append("T10:00:00Z,1,books,1,9.99,0,false\n");
        }
        return csv.toString();
    }

    private String text(String key) {
        return new String(blobs.get(key), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheValidRowsManifestQuarantineAndReportOfAnEventFile() {
        String good = "o1,c1,2026-03-01T10:00:00Z,1,books,2,12.50,0.1,false";
        String bad = "o2,c7,2026-03-01T10:00:00Z,1,books,2,12.50,0.1,false";
        String key = "raw/orders/dt=2026-03-01/orders-1.csv";

        ValidateData.Result result = ingest(key, EventSource.ORDERS.header() + "\n" + good + "\n" + bad + "\n", "ingest-1");

        assertTrue(result.usable());
        assertEquals("orders", result.source());
        assertEquals(2, result.rowsIn());
        assertEquals(1, result.rowsValid());
        assertEquals(1, result.rowsQuarantined());
        assertEquals(1, result.rejectionsByReason().get("unknown_customer"));
        assertEquals("validated/orders/dt=2026-03-01/orders-1.csv", result.validatedKey());
        assertEquals(EventSource.ORDERS.header() + "\n" + good + "\n", text(result.validatedKey()));
        EventManifest manifest = EventManifest.fromJson(blobs.get(result.manifestKey()));
        assertEquals(new EventManifest("orders", "dt=2026-03-01", EventSource.ORDERS.header(), key, result.rawSha256(), 2, 1, 1),
                manifest);
        assertEquals("quarantine/ingest-1/orders-1.csv.rejected.csv", result.quarantineKey());
        assertEquals(EventSource.ORDERS.header() + "\n" + bad + "\n", text(result.quarantineKey()));
        assertTrue(text(result.reasonsKey()).startsWith("line_number,reason\n3,\"column 'customer_id' has 'c7', a customer who has not signed up"),
                text(result.reasonsKey()));
        EventQualityReport report = EventQualityReport.fromJson(blobs.get(result.reportKey()));
        assertEquals("reports/ingest-1/validation.json", result.reportKey());
        assertEquals("orders", report.eventSource());
        assertEquals(1, report.rejectionsByReason().get("unknown_customer"));
        assertEquals(2, report.volume().rows());
        assertFalse(report.volume().anomaly());
        assertNull(result.expectationsKey());
    }

    @Test
    void quarantinesTheWholeFileWhenTheHeaderLacksAColumn() {
        String header = EventSource.SESSIONS.header().replace(",top_category", "");
        ValidateData.Result result = ingest("raw/sessions/dt=2026-03-01/s.csv",
                header + "\ns1,c1,2026-03-01T10:00:00Z,web,3,1\ns2,c1,2026-03-01T10:00:00Z,web,3,1\n", "ingest-2");

        assertFalse(result.usable());
        assertEquals(2, result.rowsQuarantined());
        assertEquals(2, result.rejectionsByReason().get("unusable_file"));
        assertTrue(result.problems().get(0).contains("is missing column 'top_category'"), result.problems().toString());
        assertNull(result.validatedKey());
        assertTrue(blobs.list("validated/").isEmpty());
        assertTrue(blobs.list("quality/").isEmpty(), "an unusable file's rows are not counted as the day's volume");
        EventQualityReport report = EventQualityReport.fromJson(blobs.get(result.reportKey()));
        assertFalse(report.usable());
        assertNull(report.volume());
    }

    @Test
    void quarantinesTheWholeFileWhenThePartitionIsNotADate() {
        ValidateData.Result result = ingest("raw/orders/dt=2026-13-01/o.csv", orders(LocalDate.parse("2026-03-01"), 3), "ingest-3");

        assertFalse(result.usable());
        assertEquals(3, result.rowsQuarantined());
        assertTrue(result.problems().get(0).contains("the partition 'dt=2026-13-01'"), result.problems().toString());
    }

    @Test
    void reportsAVolumeDropAgainstTheWeekBeforeWithoutQuarantiningIt() {
        LocalDate day = LocalDate.parse("2026-03-10");
        for (int back = 1; back <= 3; back++) {
            LocalDate d = day.minusDays(back);
            assertTrue(ingest("raw/orders/dt=" + d + "/orders.csv", orders(d, 100), "ingest-" + d).volumeAnomalies().isEmpty());
        }

        ValidateData.Result result = ingest("raw/orders/dt=" + day + "/orders.csv", orders(day, 40), "ingest-drop");

        assertTrue(result.usable());
        assertEquals(40, result.rowsValid());
        assertEquals(List.of("orders on 2026-03-10: 40 rows, below 50% of the median 100 of the previous 7 days (3 with a count)"),
                result.volumeAnomalies());
        EventQualityReport report = EventQualityReport.fromJson(blobs.get(result.reportKey()));
        assertTrue(report.volume().anomaly());
        assertEquals(100.0, report.volume().median());
    }

    @Test
    void countsADayOnceWhenTheSameFileIsValidatedAgain() {
        LocalDate day = LocalDate.parse("2026-03-10");
        ingest("raw/orders/dt=" + day + "/orders.csv", orders(day, 10), "ingest-a");
        ingest("raw/orders/dt=" + day + "/orders.csv", orders(day, 10), "ingest-b");
        ingest("raw/orders/dt=" + day + "/more.csv", orders(day, 5), "ingest-c");

        VolumeHistory history = VolumeHistory.fromJson(blobs.get("quality/volumes/orders.json"));
        assertEquals(15, history.rows(day));
    }

    @Test
    void aDatasetConfigWinsOverTheEventSourceOfTheSameName() {
        blobs.put(BlobLayout.datasetConfig("orders"), dev.churnops.core.data.DatasetSpec.builder().name("orders")
                .idColumn("id").labelColumn("churned").positiveLabel("yes").build().toJson());
        StringBuilder csv = new StringBuilder("id,spend,churned\n");
        for (int i = 0; i < 40; i++) {
            csv.append("k").append(i).append(',').append(i * 3).append(',').append(i % 3 == 0 ? "yes" : "no").append('\n');
        }

        ValidateData.Result result = ingest("raw/orders/dt=2026-03-01/table.csv", csv.toString(), "ingest-table");

        assertTrue(result.usable(), result.problems().toString());
        assertEquals(40, result.rowsValid());
        assertTrue(result.expectationsKey() != null, "the table path profiles expectations");
    }
}
