package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One bin of a feature's compared distribution, for charts: its label (a category, "(other)" for
 * values unseen at training time, or a numeric interval whose outer ends are open because the
 * outer buckets also hold values beyond the baseline's range) and the share of the baseline's and
 * of the current present values that fall in it. The shares are the unsmoothed ones; PSI and KL
 * are computed from the same counts after smoothing.
 */
public record DriftBin(@JsonProperty("label") String label,
                       @JsonProperty("baseline_share") double baselineShare,
                       @JsonProperty("current_share") double currentShare) {

    public DriftBin {
        if (label == null) {
            throw new IllegalArgumentException("A drift bin needs a label, got null.");
        }
        if (!(baselineShare >= 0 && baselineShare <= 1) || !(currentShare >= 0 && currentShare <= 1)) {
            throw new IllegalArgumentException("Drift bin '" + label + "' has shares " + baselineShare + " (baseline) and "
                    + currentShare + " (current): expected shares between 0 and 1.");
        }
    }
}
