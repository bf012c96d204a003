package dev.churnops.core.validation;

import dev.churnops.core.data.CsvRecord;
import java.util.List;

/**
 * The outcome of validating one file: the records fit for training, the quarantined ones with
 * reasons, and the report. Sizes agree with the report's counts (checked here).
 *
 * @param valid    records that passed every row rule, in file order
 * @param rejected records quarantined, in file order
 * @param report   counts, dataset-level failures and usability
 */
public record ValidationResult(List<CsvRecord> valid, List<RejectedRecord> rejected, ValidationReport report) {

    public ValidationResult {
        valid = List.copyOf(valid);
        rejected = List.copyOf(rejected);
        if (valid.size() != report.rowsValid() || rejected.size() != report.rowsQuarantined()) {
            throw new IllegalArgumentException("ValidationResult has " + valid.size() + " valid and " + rejected.size()
                    + " rejected records but its report says " + report.rowsValid() + " and "
                    + report.rowsQuarantined() + ": they must agree.");
        }
    }
}
