package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.DataException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LabelsTest {

    static Labels parse(String csv) {
        return Labels.parse(csv.getBytes(StandardCharsets.UTF_8), "labels.csv");
    }

    @Test
    void readsEveryAcceptedSpellingOfTheLabel() {
        Labels labels = parse("customer_id,churned\nA,Yes\nB,no\nC,TRUE\nD,false\nE,1\nF,0\n");
        assertEquals(6, labels.size());
        assertTrue(labels.of("A").orElseThrow().churned());
        assertFalse(labels.of("B").orElseThrow().churned());
        assertTrue(labels.of("C").orElseThrow().churned());
        assertFalse(labels.of("D").orElseThrow().churned());
        assertTrue(labels.of("E").orElseThrow().churned());
        assertFalse(labels.of("F").orElseThrow().churned());
        assertNull(labels.of("A").orElseThrow().observedAt());
    }

    @Test
    void acceptsTheTelcoHeaderSpelling() {
        Labels labels = parse("customerID,gender,Churn\n7590-VHVEG,Female,No\n");
        assertFalse(labels.of("7590-VHVEG").orElseThrow().churned());
    }

    @Test
    void rejectsBadRowsWithTheirLineAndReason() {
        Labels labels = parse("customerId,churned,observed_at\nA,maybe,\n,Yes,\nB,Yes,last week\nC,Yes\nD,No,2026-03-01\n");
        assertEquals(5, labels.rows());
        assertEquals(1, labels.size());
        assertEquals(4, labels.rejected().size());
        assertEquals(2, labels.rejected().get(0).line());
        assertTrue(labels.rejected().get(0).reason().contains("churned 'maybe': expected Yes/No, true/false or 1/0"));
        assertTrue(labels.rejected().get(1).reason().contains("has no customer id"));
        assertTrue(labels.rejected().get(2).reason().contains("observed_at 'last week'"));
        assertTrue(labels.rejected().get(3).reason().contains("expected 3 fields, found 2"));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), labels.of("D").orElseThrow().observedAt());
    }

    @Test
    void keepsTheLatestObservedLabelOfACustomerAndCountsTheOthers() {
        Labels labels = parse("customerId,churned,observed_at\n"
                + "A,No,2026-03-05T10:00:00Z\nA,Yes,2026-03-20\nA,No,2026-03-10\nA,No,\nB,No,\nB,Yes,\n");
        assertEquals(6, labels.rows());
        assertEquals(4, labels.duplicates());
        assertTrue(labels.of("A").orElseThrow().churned(), "the row observed on 2026-03-20 wins");
        assertTrue(labels.of("B").orElseThrow().churned(), "between undated rows the later line wins");
    }

    @Test
    void aFileWithoutALabelColumnIsRefusedNamingItsColumns() {
        DataException e = assertThrows(DataException.class, () -> parse("customerId,status\nA,gone\n"));
        assertTrue(e.getMessage().contains("no label column (churned or churn); its columns are: customerId, status"),
                e.getMessage());
        assertThrows(DataException.class, () -> parse(""));
    }
}
