package dev.churnops.core.scoring;

/**
 * One input column's push on a customer's score: its signed contribution to the model's
 * uncalibrated output, the margin (log-odds) of a linear or boosted model or the vote share of a
 * forest. The contributions of all columns plus the model's base value add up to that output.
 */
public record Reason(String feature, double contribution) {
}
