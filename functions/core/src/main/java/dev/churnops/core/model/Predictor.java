package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The serving form of a trained model: plain arrays that map an encoded feature vector to the
 * probability of churn. Every scoring path uses it; the training engine's own model object is kept
 * only for audit.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LinearPredictor.class, name = "linear"),
        @JsonSubTypes.Type(value = ForestPredictor.class, name = "forest"),
        @JsonSubTypes.Type(value = BoostedPredictor.class, name = "boosted")})
public sealed interface Predictor permits LinearPredictor, ForestPredictor, BoostedPredictor {

    /** Probability of the positive (churn) class for one encoded row. */
    double probability(double[] features);

    /** Number of features the predictor reads. */
    int width();

    /** Per-feature importance, non-negative, summing to 1 (or all zero for a constant model). */
    double[] importance();

    /** Checks internal consistency; throws naming what is wrong. Called after reading a file. */
    void check();
}
