package dev.churnops.core.scoring;

/**
 * One input column's push on a customer's score: its signed contribution to the model's margin
 * (log-odds). The contributions of all columns plus the model's base value add up to the margin.
 */
public record Reason(String feature, double contribution) {
}
