package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A logistic model: {@code p = 1 / (1 + exp(-(w·x + b)))}. Importance is the share of each
 * standardised feature's absolute weight.
 */
public record LinearPredictor(@JsonProperty("weights") double[] weights, @JsonProperty("bias") double bias)
        implements Predictor {

    @Override
    public double probability(double[] x) {
        double margin = bias;
        for (int i = 0; i < weights.length; i++) {
            margin += weights[i] * x[i];
        }
        return 1.0 / (1.0 + Math.exp(-margin));
    }

    @Override
    public int width() {
        return weights.length;
    }

    @Override
    public double[] importance() {
        double total = 0;
        for (double w : weights) {
            total += Math.abs(w);
        }
        double[] share = new double[weights.length];
        for (int i = 0; i < weights.length && total > 0; i++) {
            share[i] = Math.abs(weights[i]) / total;
        }
        return share;
    }

    @Override
    public void check() {
        if (weights == null) {
            throw new IllegalArgumentException("linear model: 'weights' is missing");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("linear model: weight " + i + " is " + weights[i] + ", expected a finite number");
            }
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("linear model: bias is " + bias + ", expected a finite number");
        }
    }
}
