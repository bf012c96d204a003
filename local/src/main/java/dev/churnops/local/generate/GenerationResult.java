package dev.churnops.local.generate;

import dev.churnops.core.events.EventSource;
import java.util.Map;

/**
 * What a generation wrote: valid rows per source, injected defects by kind and by source, files
 * and bytes, and the ground truth of what customers did (for checking labels and reports).
 */
public record GenerationResult(GeneratorConfig config, Map<EventSource, Long> rows, Map<DefectKind, Long> defects,
                               Map<EventSource, Long> defectRows, long files, long bytes, Outcomes outcomes) {

    public GenerationResult {
        rows = Map.copyOf(rows);
        defects = Map.copyOf(defects);
        defectRows = Map.copyOf(defectRows);
    }

    /**
     * The customers' true story: how many existed and signed up, how many started leaving, took a
     * break or closed their account, and where everyone stands on the last day.
     */
    public record Outcomes(int customersAtStart, int signups, int newChannelSignups, long startedLeaving, long paused,
                           long closedAccounts, int activeAtEnd, int leavingAtEnd, int pausedAtEnd, int goneAtEnd,
                           int closedAtEnd) {
    }

    /** Valid rows over all sources: the events. */
    public long events() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long defectTotal() {
        return defects.values().stream().mapToLong(Long::longValue).sum();
    }
}
