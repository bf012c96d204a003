package dev.churnops.featurestore;

import static dev.churnops.featurestore.ParquetOfflineStoreTest.SCHEMA;
import static dev.churnops.featurestore.ParquetOfflineStoreTest.row;
import static dev.churnops.featurestore.ParquetOfflineStoreTest.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.features.FeatureBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB, a Parquet reader that shares no code with parquet-java, reads the files the offline store writes. */
class DuckDbReadsOfflineFilesTest {

    @Test
    void duckDbReadsTheColumnsTypesAndValues(@TempDir Path dir) throws Exception {
        FeatureBatch.Builder b = FeatureBatch.builder(SCHEMA);
        row(b, "c-1", "2026-03-01T10:00:00Z", "2026-03-02T00:00:00Z", 3, "gold", 120.5);
        row(b, "c-2", "2026-03-01T11:30:00Z", "2026-03-02T00:00:05Z", Double.NaN, null, -7.25);
        row(b, "c-3", "2026-03-01T23:59:59Z", "2026-03-02T00:00:00Z", 0, "b\u00e9ta", 1e300);
        Path file = dir.resolve("part-00000.parquet");
        Files.write(file, ParquetOfflineStore.write(b.build()));
        String source = "read_parquet('" + file.toString().replace("'", "''") + "')";

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = db.createStatement()) {
            Map<String, String> types = new LinkedHashMap<>();
            try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                while (rs.next()) {
                    types.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
            assertEquals(Map.of(
                    "customer_id", "VARCHAR",
                    "event_time", "TIMESTAMP WITH TIME ZONE",
                    "write_time", "TIMESTAMP WITH TIME ZONE",
                    "orders_30d", "DOUBLE",
                    "plan", "VARCHAR",
                    "spend_90d", "DOUBLE"), types);
            assertEquals(java.util.List.of("customer_id", "event_time", "write_time", "orders_30d", "plan", "spend_90d"),
                    java.util.List.copyOf(types.keySet()));

            try (ResultSet rs = sql.executeQuery("SELECT customer_id, CAST(epoch(event_time) AS BIGINT) AS event_s, "
                    + "CAST(epoch(write_time) AS BIGINT) AS write_s, orders_30d, plan, spend_90d FROM " + source
                    + " ORDER BY customer_id")) {
                assertTrue(rs.next());
                assertEquals("c-1", rs.getString(1));
                assertEquals(t("2026-03-01T10:00:00Z"), rs.getLong(2));
                assertEquals(t("2026-03-02T00:00:00Z"), rs.getLong(3));
                assertEquals(3.0, rs.getDouble(4));
                assertEquals("gold", rs.getString(5));
                assertEquals(120.5, rs.getDouble(6));
                assertTrue(rs.next());
                assertEquals("c-2", rs.getString(1));
                assertEquals(t("2026-03-02T00:00:05Z"), rs.getLong(3));
                assertNull(rs.getObject(4), "a missing number is a Parquet null, not NaN");
                assertNull(rs.getString(5));
                assertEquals(-7.25, rs.getDouble(6));
                assertTrue(rs.next());
                assertEquals("b\u00e9ta", rs.getString(5));
                assertEquals(1e300, rs.getDouble(6));
                assertFalse(rs.next());
            }
            try (ResultSet rs = sql.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('"
                    + file.toString().replace("'", "''") + "')")) {
                assertTrue(rs.next());
                assertEquals("UNCOMPRESSED", rs.getString(1));
                assertFalse(rs.next());
            }
        }
    }
}
