package dev.churnops.handlers;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/** A small seeded customer table whose churn depends on tenure, tickets and plan, so a model can learn it. */
final class CustomerCsv {

    static final String SPEC = """
            {"name": "customers", "id_column": "customer_id", "label_column": "churned", "positive_label": "yes"}
            """;

    private CustomerCsv() {
    }

    static byte[] generate(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] plans = {"basic", "plus", "premium"};
        StringBuilder csv = new StringBuilder("customer_id,plan,tenure_months,monthly_spend,support_tickets,churned\n");
        for (int i = 1; i <= rows; i++) {
            String plan = plans[random.nextInt(plans.length)];
            int tenure = 1 + random.nextInt(72);
            int tickets = random.nextInt(5);
            double spend = 10 + random.nextDouble() * 90;
            double logit = -1.0 + 0.6 * tickets - 0.04 * tenure + (plan.equals("basic") ? 0.5 : 0);
            boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            csv.append(String.format(Locale.ROOT, "C%05d,%s,%d,%.2f,%d,%s%n", i, plan, tenure, spend, tickets,
                    churned ? "yes" : "no"));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
