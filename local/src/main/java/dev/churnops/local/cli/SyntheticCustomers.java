package dev.churnops.local.cli;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The embedded default data: a synthetic customer table of an online shop, generated from a seed.
 * Churn follows a logistic model of recency, frequency, tenure, support tickets and plan, with
 * noise, so it is learnable but not trivial. A few rows carry the data-quality problems real
 * exports have — a blank spend (missing, kept), text in a numeric column, a duplicated id and a
 * short row (quarantined) — so a first run shows validation at work.
 */
final class SyntheticCustomers {

    static final String ID = "customer_id";
    static final String LABEL = "churned";
    static final String POSITIVE = "yes";

    private static final String[] PLANS = {"basic", "plus", "premium"};
    private static final String[] CHANNELS = {"web", "app", "referral", "marketplace"};
    private static final String[] PAYMENTS = {"card", "paypal", "invoice"};

    private SyntheticCustomers() {
    }

    static byte[] generate(int customers, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(customers * 90);
        csv.append("customer_id,signup_channel,plan,tenure_months,monthly_spend,orders_90d,days_since_last_order,"
                + "support_tickets_90d,email_opt_in,app_user,payment_method,churned\n");
        for (int i = 1; i <= customers; i++) {
            String plan = PLANS[pick(random, 0.55, 0.30)];
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            String payment = PAYMENTS[pick(random, 0.5, 0.3)];
            int tenure = 1 + (int) Math.min(71, -Math.log(1 - random.nextDouble()) * 20);
            double engagement = random.nextDouble();
            int orders = (int) Math.round(engagement * 8 + random.nextDouble() * 2);
            int recency = (int) Math.round((1 - engagement) * 80 + random.nextDouble() * 10);
            int tickets = random.nextDouble() < 0.25 ? 1 + random.nextInt(4) : 0;
            boolean optIn = random.nextDouble() < 0.6;
            boolean app = random.nextDouble() < (channel.equals("app") ? 0.9 : 0.35);
            double spend = (plan.equals("premium") ? 60 : plan.equals("plus") ? 35 : 15) + orders * 6 + random.nextDouble() * 10;
            double logit = -1.2 - 0.035 * tenure + 0.03 * recency - 0.15 * orders + 0.45 * tickets
                    + (plan.equals("basic") ? 0.5 : plan.equals("premium") ? -0.4 : 0) - (app ? 0.3 : 0)
                    + (payment.equals("invoice") ? 0.3 : 0) + random.nextGaussian() * 0.6;
            boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            String spendText = random.nextDouble() < 0.01 ? "" : String.format(Locale.ROOT, "%.2f", spend);
            csv.append(String.format(Locale.ROOT, "C%05d,%s,%s,%d,%s,%d,%d,%d,%s,%s,%s,%s%n", i, channel, plan, tenure,
                    spendText, orders, recency, tickets, optIn ? "yes" : "no", app ? "yes" : "no", payment,
                    churned ? "yes" : "no"));
        }
        // Deliberate defects, each caught by a different validation rule.
        csv.append("C90001,web,basic,twelve,20.00,1,30,0,yes,no,card,no\n");
        csv.append("C00002,app,plus,5,40.00,2,10,0,no,yes,card,no\n");
        csv.append("C90002,web,basic,3,25.00,1\n");
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int pick(SplittableRandom random, double first, double second) {
        double u = random.nextDouble();
        return u < first ? 0 : u < first + second ? 1 : 2;
    }
}
