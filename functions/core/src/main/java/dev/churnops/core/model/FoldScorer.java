package dev.churnops.core.model;

/**
 * Scores an algorithm and configuration by k-fold cross-validation on rows prepared once: what a
 * {@link HyperparameterSearch} asks of each candidate. {@link CrossValidation} scores with the
 * training split and a validation split beside it; {@link OutOfFold} scores when there is no
 * validation split, and keeps the out-of-fold predictions that choose the model.
 */
public interface FoldScorer {

    /** Each fold's ROC-AUC for {@code algorithm} trained with {@code parameters}. */
    CrossValidation.Score score(String algorithm, HyperParameters parameters);

    /** Number of folds. */
    int folds();

    /** Rows dealt into the folds. */
    int rows();
}
