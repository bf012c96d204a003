package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The calibration part of a serving-form model: a non-decreasing map from the predictor's churn
 * probability to a calibrated one, so that among customers given 0.3 about 30% do churn. It is
 * fitted on the validation split (see {@link CalibrationSelector}) and applied after the predictor
 * in every scoring path. Because it never decreases, it keeps the predictor's ranking, and reason
 * codes, which explain the predictor's margin, keep pointing the right way.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "method")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PlattCalibrator.class, name = CalibrationSelector.PLATT),
        @JsonSubTypes.Type(value = IsotonicCalibrator.class, name = CalibrationSelector.ISOTONIC)})
public sealed interface Calibrator permits PlattCalibrator, IsotonicCalibrator {

    /** The calibrated probability of churn for the predictor's probability {@code probability}. */
    double apply(double probability);

    /** The method's name as the {@code calibration} hyperparameter and model.json spell it. */
    String method();

    /** Checks the stored numbers; throws naming the field and what is wrong. Called after reading a file. */
    void check();
}
