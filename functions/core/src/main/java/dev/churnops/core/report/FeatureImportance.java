package dev.churnops.core.report;

import java.util.Objects;

/**
 * How much one feature matters to the model, in whatever unit the algorithm reports
 * (coefficient, gain, permutation loss); may be negative for signed coefficients.
 *
 * @param name the feature (column) name, shown escaped
 * @param importance a finite importance value
 */
public record FeatureImportance(String name, double importance) {

    public FeatureImportance {
        Objects.requireNonNull(name, "FeatureImportance.name must not be null");
        if (!Double.isFinite(importance)) {
            throw new IllegalArgumentException("FeatureImportance.importance of '" + name + "' is "
                    + importance + " but must be a finite number.");
        }
    }
}
