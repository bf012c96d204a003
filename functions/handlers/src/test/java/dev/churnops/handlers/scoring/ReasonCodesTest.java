package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.model.PlattCalibrator;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.Reason;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.RegisteredModelFixture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reason codes of the fixture's linear model: additive, and the largest positive contributions. */
class ReasonCodesTest {

    private final ServingModel model = ApiFixtures.model(2);

    @Test
    void columnContributionsAndTheBaseValueAddUpToTheMargin() {
        for (Map<String, Object> f : customers()) {
            double margin = model.margin(f);
            double sum = model.baseValue();
            Map<String, Double> contributions = model.contributions(f);
            assertEquals(model.validator().jsonSchema().get("properties") instanceof Map<?, ?> m ? m.size() : -1,
                    contributions.size(), "one contribution per input column");
            for (double c : contributions.values()) {
                sum += c;
            }
            assertEquals(margin, sum, 1e-9, "base value + contributions = the predictor's margin");
        }
    }

    @Test
    void reasonsExplainTheUncalibratedMarginWhileTheProbabilityIsCalibrated() {
        ModelArtifact v2 = ModelArtifact.read(RegisteredModelFixture.shared().artifact(2), "v2");
        PlattCalibrator platt = new PlattCalibrator(0.5, -1.0);
        ServingModel calibrated = ServingModel.load(ModelArtifact.write(v2.model().withCalibration(platt), v2.baseline(),
                v2.training(), v2.card().orElseThrow()), "v2 with calibration");
        ServingModel plain = ServingModel.load(ModelArtifact.write(v2.model().withoutCalibration(), v2.baseline(),
                v2.training(), v2.card().orElseThrow()), "v2 without calibration");

        for (Map<String, Object> f : customers()) {
            double margin = plain.margin(f);
            double sum = calibrated.baseValue();
            for (double c : calibrated.contributions(f).values()) {
                sum += c;
            }
            CustomerScore score = calibrated.score(null, f);
            assertEquals(margin, calibrated.margin(f), 0.0, "calibration leaves the margin alone");
            assertEquals(margin, sum, 1e-9, "reasons still add up to the uncalibrated margin");
            assertEquals(platt.apply(1 / (1 + Math.exp(-margin))), score.probability(), 1e-12, "the probability is calibrated");
            assertEquals(score.probability(), calibrated.probability(f), 0.0, "batch scoring reports the same probability");
            assertEquals(plain.score(null, f).reasons(), score.reasons());
        }
    }

    @Test
    void reasonsAreTheThreeLargestPositiveContributionsInOrder() {
        for (Map<String, Object> f : customers()) {
            CustomerScore score = model.score(null, f);
            List<Reason> expected = new ArrayList<>();
            model.contributions(f).forEach((column, c) -> {
                if (c > 0) {
                    expected.add(new Reason(column, c));
                }
            });
            expected.sort(Comparator.comparingDouble(Reason::contribution).reversed().thenComparing(Reason::feature));
            assertEquals(expected.subList(0, Math.min(ServingModel.TOP_REASONS, expected.size())), score.reasons());
        }
    }

    @Test
    void aRiskyCustomerHasReasonsAndTheyNameInputColumns() {
        CustomerScore risky = model.score(null, ApiFixtures.features("basic", 1, 5));
        assertFalse(risky.reasons().isEmpty());
        for (Reason r : risky.reasons()) {
            assertTrue(model.contributions(ApiFixtures.features("basic", 1, 5)).containsKey(r.feature()), r.feature());
        }
    }

    private static List<Map<String, Object>> customers() {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (String plan : List.of("basic", "standard", "premium")) {
            for (int tenure : new int[] {0, 3, 24, 72}) {
                for (int tickets : new int[] {0, 2, 6}) {
                    customers.add(ApiFixtures.features(plan, tenure, tickets));
                }
            }
        }
        Map<String, Object> sparse = ApiFixtures.features("basic", 12, 1);
        sparse.put("monthly_spend", null);
        sparse.remove("payment_method");
        customers.add(sparse);
        return customers;
    }
}
