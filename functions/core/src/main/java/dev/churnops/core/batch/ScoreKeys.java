package dev.churnops.core.batch;

import dev.churnops.core.port.BlobStore;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The keys batch scoring writes, all under {@code scores/<date>/<execution>/}: the snapshot of a
 * feature view it scores ({@code input/features.csv}, with its manifest), one {@code part-<n>.csv}
 * per partition, rejected rows of a partition under {@code rejected/} (as the original lines plus a
 * reasons file, the quarantine format), {@code high-risk.csv} and {@code _SUMMARY.json}. Partition numbers are zero-padded, so keys sort in partition order.
 */
public final class ScoreKeys {

    public static final String SUMMARY_FILE = "_SUMMARY.json";
    public static final String HIGH_RISK_FILE = "high-risk.csv";

    private ScoreKeys() {
    }

    public static String prefix(LocalDate date, String execution) {
        return BlobStore.checkKey("scores/" + date + "/" + execution) + "/";
    }

    /** The customers a feature-view run scores: the view's snapshot, written once by the listing step. */
    public static String features(LocalDate date, String execution) {
        return prefix(date, execution) + "input/features.csv";
    }

    public static String part(LocalDate date, String execution, int index) {
        return prefix(date, execution) + "part-" + number(index) + ".csv";
    }

    public static String rejected(LocalDate date, String execution, int index) {
        return prefix(date, execution) + "rejected/part-" + number(index) + ".rejected.csv";
    }

    public static String reasons(LocalDate date, String execution, int index) {
        return prefix(date, execution) + "rejected/part-" + number(index) + ".reasons.csv";
    }

    public static String highRisk(LocalDate date, String execution) {
        return prefix(date, execution) + HIGH_RISK_FILE;
    }

    public static String summary(LocalDate date, String execution) {
        return prefix(date, execution) + SUMMARY_FILE;
    }

    private static String number(int index) {
        return String.format(Locale.ROOT, "%05d", index);
    }
}
