package dev.churnops.core.port;

import dev.churnops.core.tracking.RunRecord;
import dev.churnops.core.tracking.TrackingResult;
import java.util.Optional;

/**
 * Where recorded training runs are also logged for people who compare experiments in their own tool:
 * an MLflow tracking server when one is configured, nowhere otherwise. Tracking never decides whether
 * training succeeded, so an implementation that cannot reach its server, or is refused by it, says so
 * in a {@link TrackingResult#failed failed} result instead of throwing.
 */
public interface ExperimentTracker {

    /** The tracker of a deployment without a tracking server: logs nothing and reports nothing. */
    ExperimentTracker NONE = run -> Optional.empty();

    /** Logs one run; empty when there is nowhere to log it. */
    Optional<TrackingResult> log(RunRecord run);
}
