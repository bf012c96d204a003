package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.json.Json;
import java.util.List;

/**
 * Model performance on the labels that have arrived, per prediction window and overall, judged
 * against the model card. Instants are ISO-8601 strings. Metrics are absent (null) where fewer
 * labelled predictions than {@link PerformanceConfig#minLabelledRows()} were available, and ROC-AUC
 * is absent where the labelled predictions hold one class only; {@code note} then says why.
 *
 * @param model                   the model name of the card
 * @param version                 the card's version
 * @param threshold               the card's decision threshold (precision, recall and F1 are read at it)
 * @param trainingF1              the card's test-set F1 ({@code metrics.f1}), null when the card has none
 * @param now                     the time pending predictions were judged at
 * @param windows                 each window that holds predictions, oldest first
 * @param overall                 all windows' evaluable predictions pooled
 * @param predictions             captured predictions given
 * @param otherModels             predictions of another model, or another version when those are not included
 * @param anonymous               predictions without a customer id (cannot meet a label)
 * @param pending                 customer-window predictions whose label horizon has not passed
 * @param unlabelledAfterHorizon  customer-window predictions past the horizon without a label
 * @param labelsForUnscored       labels of customers no given prediction scored
 * @param unscoredSample          up to 20 of those customer ids, sorted
 * @param labelsRejected          rows of the labels file that were rejected
 * @param labelDuplicates         rows of the labels file superseded by a later one
 * @param status                  DEGRADED, HEALTHY, or NOT_JUDGED when no window could be judged
 * @param degraded                status == DEGRADED
 * @param judgedWindow            the start of the window the status was judged on, if any
 * @param reason                  one sentence with the figures behind the status
 * @param config                  the config it was judged with
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceReport(@JsonProperty("model") String model,
                                @JsonProperty("version") int version,
                                @JsonProperty("threshold") double threshold,
                                @JsonProperty("training_f1") Double trainingF1,
                                @JsonProperty("now") String now,
                                @JsonProperty("windows") List<Window> windows,
                                @JsonProperty("overall") Figures overall,
                                @JsonProperty("predictions") long predictions,
                                @JsonProperty("other_models") long otherModels,
                                @JsonProperty("anonymous") long anonymous,
                                @JsonProperty("pending") long pending,
                                @JsonProperty("unlabelled_after_horizon") long unlabelledAfterHorizon,
                                @JsonProperty("labels_for_unscored") long labelsForUnscored,
                                @JsonProperty("unscored_sample") List<String> unscoredSample,
                                @JsonProperty("labels_rejected") long labelsRejected,
                                @JsonProperty("label_duplicates") long labelDuplicates,
                                @JsonProperty("status") Status status,
                                @JsonProperty("degraded") boolean degraded,
                                @JsonProperty("judged_window") String judgedWindow,
                                @JsonProperty("reason") String reason,
                                @JsonProperty("config") PerformanceConfig config) {

    public PerformanceReport {
        windows = List.copyOf(windows);
        unscoredSample = List.copyOf(unscoredSample);
    }

    /** The verdict. */
    public enum Status { DEGRADED, HEALTHY, NOT_JUDGED }

    /**
     * One window of predictions, one (the latest) per customer.
     *
     * @param start                  inclusive, ISO instant
     * @param end                    exclusive, ISO instant
     * @param predictions            customer predictions in the window (anonymous ones not counted)
     * @param pending                of those, whose label horizon has not passed at {@code now}
     * @param unlabelledAfterHorizon of those, past the horizon without a label
     * @param figures                the evaluable predictions' counts and metrics
     */
    public record Window(@JsonProperty("start") String start, @JsonProperty("end") String end,
                         @JsonProperty("predictions") long predictions, @JsonProperty("pending") long pending,
                         @JsonProperty("unlabelled_after_horizon") long unlabelledAfterHorizon,
                         @JsonProperty("figures") Figures figures) {
    }

    /**
     * Counts and metrics of evaluable predictions (labelled, plus unlabelled ones past the horizon
     * when those count as negatives).
     *
     * @param labelled  evaluable predictions
     * @param positives of those, churners
     * @param rocAuc    null with fewer than the minimum rows or with one class only
     * @param prAuc     average precision; null as ROC-AUC
     * @param f1        at the card's threshold; null with fewer than the minimum rows
     * @param precision as F1
     * @param recall    as F1
     * @param note      why a metric is absent, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(@JsonProperty("labelled") long labelled, @JsonProperty("positives") long positives,
                          @JsonProperty("roc_auc") Double rocAuc, @JsonProperty("pr_auc") Double prAuc,
                          @JsonProperty("f1") Double f1, @JsonProperty("precision") Double precision,
                          @JsonProperty("recall") Double recall, @JsonProperty("note") String note) {

        /** True when F1, precision and recall were computed. */
        public boolean evaluated() {
            return f1 != null;
        }
    }

    /** The whole report's JSON bytes. */
    public byte[] toJson() {
        return Json.write(this);
    }
}
