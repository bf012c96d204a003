package dev.churnops.core.monitoring;

import dev.churnops.core.registry.ModelCard;
import java.time.Instant;
import java.util.Map;

/** A model card and captured scores for the monitoring checks' tests. */
final class MonitoringFixtures {

    static final double THRESHOLD = 0.4;

    private MonitoringFixtures() {
    }

    /** Model "churn" v3, threshold 0.4, risk segments high >= 0.4 and medium >= 0.25, test F1 {@code f1}. */
    static ModelCard card(Double f1) {
        Map<String, Double> metrics = f1 == null ? Map.of("roc_auc", 0.84) : Map.of("roc_auc", 0.84, "f1", f1);
        return new ModelCard("churn", 3, "gradient_boosting", Map.of("seed", "7"), 7, "sha-data", "sha-model", "dev",
                "exec-1", new ModelCard.Label("Churn", "Yes"), Map.of("train", 600, "validation", 200, "test", 200),
                metrics, new ModelCard.Threshold(THRESHOLD, "f1", "best F1 on validation"),
                new ModelCard.RiskSegments(THRESHOLD, 0.25, "high: probability >= decision threshold; medium: >= the"
                        + " training churn rate; low: below"), java.util.List.of(), java.util.List.of(), null, "");
    }

    static CapturedScore score(String customer, String ts, double probability, Map<String, Object> features) {
        return new CapturedScore(customer, Instant.parse(ts), "churn", 3, probability, null, features);
    }

    static CapturedScore score(String customer, String ts, double probability) {
        return score(customer, ts, probability, Map.of());
    }
}
