package dev.churnops.e2e;

import java.util.Locale;
import java.util.SplittableRandom;

/** A small, seeded customer table with a learnable churn signal, for tests that need data fast. */
final class SmallTable {

    private SmallTable() {
    }

    static String csv(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("id,tenure,spend,plan,app,churned\n");
        for (int i = 0; i < rows; i++) {
            int tenure = 1 + r.nextInt(60);
            double spend = 10 + r.nextDouble() * 90;
            String plan = r.nextBoolean() ? "basic" : "premium";
            boolean app = r.nextDouble() < 0.4;
            double logit = 1.0 - 0.06 * tenure + (plan.equals("basic") ? 0.8 : -0.4) - (app ? 0.7 : 0) + r.nextGaussian() * 0.5;
            boolean churned = r.nextDouble() < 1 / (1 + Math.exp(-logit));
            b.append(String.format(Locale.ROOT, "c%04d,%d,%.2f,%s,%s,%s%n", i, tenure, spend, plan, app ? "yes" : "no",
                    churned ? "yes" : "no"));
        }
        return b.toString();
    }
}
