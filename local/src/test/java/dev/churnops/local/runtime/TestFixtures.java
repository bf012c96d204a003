package dev.churnops.local.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Test data shared by the local tests: a small seeded customer table and the repository root. */
public final class TestFixtures {

    /** The header of {@link #customers}. */
    public static final String HEADER = "customer_id,plan,tenure_months,monthly_spend,support_tickets,churned";

    /** The dataset config of {@link #customers}, as {@code config/datasets/<source>.json}. */
    public static final String SPEC = """
            {"name": "customers", "id_column": "customer_id", "label_column": "churned", "positive_label": "yes"}
            """;

    private TestFixtures() {
    }

    /** A header and {@code rows} clean rows whose churn depends on tickets, tenure and plan. */
    public static String customers(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] plans = {"basic", "plus", "premium"};
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i <= rows; i++) {
            String plan = plans[random.nextInt(plans.length)];
            int tenure = 1 + random.nextInt(72);
            int tickets = random.nextInt(5);
            double spend = 10 + random.nextDouble() * 90;
            double logit = -1.0 + 0.6 * tickets - 0.04 * tenure + (plan.equals("basic") ? 0.5 : 0);
            boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            csv.append(String.format(Locale.ROOT, "C%05d,%s,%d,%.2f,%d,%s\n", i, plan, tenure, spend, tickets,
                    churned ? "yes" : "no"));
        }
        return csv.toString();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The repository root: the first directory above the working directory that holds {@code events/}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }
}
