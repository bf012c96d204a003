package dev.churnops.core.model;

/**
 * A training algorithm behind one interface: it trains on encoded data with the given
 * hyperparameters and seed, and returns the serving-form predictor and a description of the engine
 * run for the model card. Same data, hyperparameters and seed must give the same predictor.
 */
public interface ModelEngine {

    String algorithm();

    EngineResult train(EncodedData data, HyperParameters parameters);

    /** A trained predictor plus the engine's own provenance (no timestamps, so it is reproducible). */
    record EngineResult(Predictor predictor, String provenance) {
    }
}
