package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.Reason;
import dev.churnops.core.scoring.ServingModel;
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
            double p = model.score(null, f).probability();
            double margin = Math.log(p / (1 - p));
            double sum = model.baseValue();
            Map<String, Double> contributions = model.contributions(f);
            assertEquals(model.validator().jsonSchema().get("properties") instanceof Map<?, ?> m ? m.size() : -1,
                    contributions.size(), "one contribution per input column");
            for (double c : contributions.values()) {
                sum += c;
            }
            assertEquals(margin, sum, 1e-9, "base value + contributions = log-odds of the probability");
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
