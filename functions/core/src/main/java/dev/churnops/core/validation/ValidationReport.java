package dev.churnops.core.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.churnops.core.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What validation found in one file, for people and for metrics: counts (every row in is valid or
 * quarantined, checked here), rejected rows per {@link RowRule}, missing values per column, the
 * dataset-level expectations that failed, and whether the file can be used for training at all,
 * with a sentence per problem when it cannot.
 *
 * @param source              the file's name
 * @param delimiter           the detected delimiter
 * @param rowsIn              records after the header, broken ones included
 * @param rowsValid           records that passed every row rule
 * @param rowsQuarantined     records rejected with reasons; rowsIn = rowsValid + rowsQuarantined
 * @param rejectionsByRule    rejected rows per rule key, every rule listed (zeros included)
 * @param missingByColumn     missing values per column among parsed records, in header order
 * @param failedExpectations  dataset-level failures: reported, not row rejections
 * @param usable              false when the file cannot feed training; then {@code problems} says why
 * @param problems            one sentence per reason the file is unusable; empty when usable
 */
@JsonPropertyOrder({"source", "delimiter", "rows_in", "rows_valid", "rows_quarantined", "rejections_by_rule",
        "missing_by_column", "failed_expectations", "usable", "problems"})
public record ValidationReport(
        @JsonProperty("source") String source,
        @JsonProperty("delimiter") char delimiter,
        @JsonProperty("rows_in") int rowsIn,
        @JsonProperty("rows_valid") int rowsValid,
        @JsonProperty("rows_quarantined") int rowsQuarantined,
        @JsonProperty("rejections_by_rule") Map<String, Integer> rejectionsByRule,
        @JsonProperty("missing_by_column") Map<String, Integer> missingByColumn,
        @JsonProperty("failed_expectations") List<FailedExpectation> failedExpectations,
        @JsonProperty("usable") boolean usable,
        @JsonProperty("problems") List<String> problems) {

    public ValidationReport {
        if (rowsIn != rowsValid + rowsQuarantined) {
            throw new IllegalArgumentException("ValidationReport of " + source + " has rows_in " + rowsIn
                    + " but rows_valid " + rowsValid + " + rows_quarantined " + rowsQuarantined + " = "
                    + (rowsValid + rowsQuarantined) + ": every row must be valid or quarantined.");
        }
        problems = List.copyOf(problems);
        if (usable != problems.isEmpty()) {
            throw new IllegalArgumentException("ValidationReport of " + source + " says usable=" + usable
                    + " with " + problems.size() + " problem(s): a file is unusable exactly when it has problems.");
        }
        rejectionsByRule = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionsByRule));
        missingByColumn = Collections.unmodifiableMap(new LinkedHashMap<>(missingByColumn));
        failedExpectations = List.copyOf(failedExpectations);
    }

    /** Rows rejected for {@code rule}. */
    public int rejections(RowRule rule) {
        return rejectionsByRule.getOrDefault(rule.key(), 0);
    }

    /** Reads a report written by {@link #toJson()}. */
    public static ValidationReport fromJson(byte[] json) {
        return Json.read(json, ValidationReport.class, "validation report");
    }

    /** Pretty JSON, snake_case, fields in declaration order, ending with a newline. */
    public byte[] toJson() {
        return Json.write(this);
    }
}
