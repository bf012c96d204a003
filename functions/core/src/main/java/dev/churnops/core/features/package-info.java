/**
 * Features of customers computed from the shop's raw events: the {@link dev.churnops.core.features.FeatureRegistry}
 * of checked definitions, the {@link dev.churnops.core.features.FeatureState} that computes them the same way
 * for batch and incremental runs without looking past the as-of time, the columnar
 * {@link dev.churnops.core.features.FeatureBatch} the stores hold, and the
 * {@link dev.churnops.core.features.PointInTimeTrainingSet} that labels churn from rows as of past cutoffs.
 */
package dev.churnops.core.features;
