/**
 * Evaluation of a binary churn classifier (positive class = churn): ranking metrics,
 * confusion-matrix metrics, threshold selection on validation data, business impact of
 * acting on the chosen threshold, and the serialisable {@link
 * dev.churnops.core.evaluation.EvaluationReport} that ties them together. Pure JDK plus
 * Jackson annotations, so the same numbers come out in a Lambda, a training container and a
 * laptop.
 */
package dev.churnops.core.evaluation;
