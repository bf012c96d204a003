package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.data.Cells;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DataException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Churn outcomes that arrived after scoring, one per customer, read from a labels CSV: a header
 * with the customer column ({@code customerId}, {@code customer_id} or {@code customerID}, any
 * case), the label column ({@code churned} or {@code churn}, any case; yes/no, true/false, y/n,
 * t/f or 1/0, any case) and optionally {@code observed_at} (an ISO date, taken as the start of
 * that UTC day, or an ISO instant). Bad rows are rejected with the line and the reason. When a
 * customer has several rows the one observed latest is kept (a dated row beats an undated one;
 * between equals, the later line), and the others are counted as {@code duplicates}: so
 * {@code rows = customers + rejected + duplicates}.
 *
 * @param source     what was read
 * @param rows       data rows read (the header not counted)
 * @param byCustomer the kept label of each customer, by customer id (sorted)
 * @param rejected   rows that are not valid labels, with why
 * @param duplicates rows superseded by a later row of the same customer
 */
public record Labels(String source, long rows, Map<String, Label> byCustomer, List<RejectedRow> rejected,
                     long duplicates) {

    public Labels {
        byCustomer = Collections.unmodifiableMap(new TreeMap<>(byCustomer));
        rejected = List.copyOf(rejected);
        if (rows != byCustomer.size() + rejected.size() + duplicates) {
            throw new IllegalArgumentException("Labels has " + rows + " rows but " + byCustomer.size() + " customers, "
                    + rejected.size() + " rejected and " + duplicates + " duplicates: every row must be one of them.");
        }
    }

    /**
     * One customer's outcome.
     *
     * @param customerId the customer
     * @param churned    whether the customer churned
     * @param observedAt when the outcome was observed, or null when the file does not say
     * @param line       the line it was read from
     */
    public record Label(String customerId, boolean churned, Instant observedAt, long line) {
        public Label {
            if (customerId == null || customerId.isBlank()) {
                throw new IllegalArgumentException("Label.customerId is blank: expected the customer's id.");
            }
        }
    }

    /** A row that is not a valid label: its line and one sentence naming the column and what was expected. */
    public record RejectedRow(@JsonProperty("line") long line, @JsonProperty("reason") String reason) {
    }

    /** No labels at all: what monitoring uses when none have arrived yet. */
    public static Labels none() {
        return new Labels("no labels", 0, Map.of(), List.of(), 0);
    }

    /** The label of {@code customerId}, if one arrived. */
    public Optional<Label> of(String customerId) {
        return Optional.ofNullable(customerId == null ? null : byCustomer.get(customerId));
    }

    /** Customers with a label. */
    public int size() {
        return byCustomer.size();
    }

    /**
     * Reads a labels CSV.
     *
     * @throws DataException when the whole file is unusable: empty, not UTF-8 text, or without a
     *                       customer or label column (the message lists the columns it has)
     */
    public static Labels parse(byte[] csv, String source) {
        CsvTable table = CsvReader.read(csv == null ? new byte[0] : csv, source);
        int id = column(table, "customerid", "customer_id");
        int label = column(table, "churned", "churn");
        int observed = column(table, "observed_at");
        if (id < 0 || label < 0) {
            throw new DataException("The labels file " + source + " has no " + (id < 0 ? "customer column (customerId or"
                    + " customer_id)" : "label column (churned or churn)") + "; its columns are: "
                    + String.join(", ", table.header()) + ".");
        }
        String labelName = table.header().get(label);
        Map<String, Label> kept = new TreeMap<>();
        List<RejectedRow> rejected = new ArrayList<>();
        long duplicates = 0;
        for (CsvRecord record : table.records()) {
            String where = "Line " + record.lineNumber() + " of " + source;
            if (!record.parsed()) {
                rejected.add(new RejectedRow(record.lineNumber(), where + " cannot be read: " + record.parseError() + "."));
                continue;
            }
            String customer = record.fields().get(id).trim();
            if (customer.isEmpty()) {
                rejected.add(new RejectedRow(record.lineNumber(), where + " has no customer id: expected the id of a"
                        + " scored customer."));
                continue;
            }
            String value = record.fields().get(label).trim();
            Boolean churned = churned(value);
            if (churned == null) {
                rejected.add(new RejectedRow(record.lineNumber(), where + " has " + labelName + " '" + Cells.abbreviate(value)
                        + "': expected Yes/No, true/false or 1/0."));
                continue;
            }
            Instant at = null;
            if (observed >= 0 && !record.fields().get(observed).isBlank()) {
                String text = record.fields().get(observed).trim();
                at = instant(text);
                if (at == null) {
                    rejected.add(new RejectedRow(record.lineNumber(), where + " has observed_at '" + Cells.abbreviate(text)
                            + "': expected a date (2026-03-01) or an instant (2026-03-01T10:15:30Z), or nothing."));
                    continue;
                }
            }
            Label candidate = new Label(customer, churned, at, record.lineNumber());
            Label previous = kept.get(customer);
            if (previous != null) {
                duplicates++;
                if (!newer(candidate, previous)) {
                    continue;
                }
            }
            kept.put(customer, candidate);
        }
        return new Labels(source, table.records().size(), kept, rejected, duplicates);
    }

    private static boolean newer(Label candidate, Label previous) {
        if (candidate.observedAt() == null) {
            return previous.observedAt() == null;
        }
        return previous.observedAt() == null || !candidate.observedAt().isBefore(previous.observedAt());
    }

    private static int column(CsvTable table, String... names) {
        for (int i = 0; i < table.header().size(); i++) {
            String h = table.header().get(i).toLowerCase(Locale.ROOT);
            for (String name : names) {
                if (h.equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static Boolean churned(String value) {
        if (value.equals("1")) {
            return Boolean.TRUE;
        }
        if (value.equals("0")) {
            return Boolean.FALSE;
        }
        return value.isEmpty() ? null : Cells.parseBoolean(value);
    }

    private static Instant instant(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeException notUtc) {
                return OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeException e) {
            return null;
        }
    }
}
