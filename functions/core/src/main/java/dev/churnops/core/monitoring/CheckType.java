package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code constraint_check_type} values of Model Monitor's {@code constraint_violations.json}. */
public enum CheckType {
    /** The current values are not of the baseline's type. */
    @JsonProperty("data_type_check") DATA_TYPE_CHECK,
    /** The share of present values fell below the baseline's completeness (less the tolerance). */
    @JsonProperty("completeness_check") COMPLETENESS_CHECK,
    /** The distribution moved away from the baseline's. */
    @JsonProperty("baseline_drift_check") BASELINE_DRIFT_CHECK,
    /** A baseline feature is not in the current data. */
    @JsonProperty("missing_column_check") MISSING_COLUMN_CHECK,
    /** The current data has a feature the baseline does not know. */
    @JsonProperty("extra_column_check") EXTRA_COLUMN_CHECK,
    /** Too many current values lie outside the baseline's categories. */
    @JsonProperty("categorical_values_check") CATEGORICAL_VALUES_CHECK
}
