package dev.churnops.core.port;

import dev.churnops.core.scoring.CustomerScore;
import java.util.Map;

/**
 * Keeps a sample of scored requests (features, score, model version) for monitoring. Implementations
 * must not block the caller: capture happens off the request's hot path, and a full buffer drops
 * (and counts) records rather than slowing scoring down.
 */
public interface ScoreCapture {

    void capture(Map<String, ?> features, CustomerScore score);

    ScoreCapture NONE = (features, score) -> { };
}
