package dev.churnops.local.generate;

import dev.churnops.core.events.EventSource;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The shop's fixed vocabulary and calibration: countries, channels, memberships, categories and
 * their prices, the daily rhythm, seasonality and the churn hazard's constants. Kept in one place
 * so {@code generator.json} can describe what the generator does from the same numbers it uses.
 */
final class ShopModel {

    private ShopModel() {
    }

    static final List<String> COUNTRIES = List.of("DE", "FR", "GB", "IT", "ES", "NL", "PL", "SE", "BE", "AT");
    static final double[] COUNTRY_CUMULATIVE = Rng.cumulative(22, 15, 14, 10, 9, 8, 7, 5, 5, 5);

    /** The channels of the shop's usual marketing; {@link #NEW_CHANNEL} only appears with its scenario. */
    static final List<String> CHANNELS = List.of("organic", "paid_search", "social", "referral", "affiliate", "email", "influencer");
    static final double[] CHANNEL_CUMULATIVE = Rng.cumulative(35, 22, 15, 10, 8, 10);
    static final int NEW_CHANNEL = 6;
    /** Leaving-hazard multiplier per channel: bought customers stay less than those who came on their own. */
    static final float[] CHANNEL_HAZARD = {0.9f, 1.15f, 1.1f, 0.8f, 1.3f, 0.9f, 1.9f};

    static final List<String> MEMBERSHIPS = List.of("none", "plus", "premium");
    static final double[] MEMBERSHIP_CUMULATIVE = Rng.cumulative(62, 28, 10);
    static final double[] NEW_CHANNEL_MEMBERSHIP_CUMULATIVE = Rng.cumulative(88, 10, 2);
    static final float[] MEMBERSHIP_HAZARD = {1.5f, 0.85f, 0.45f};

    static final List<String> CATEGORIES = EventSource.CATEGORIES;
    static final double[] CATEGORY_CUMULATIVE = Rng.cumulative(12, 20, 14, 12, 10, 10, 8, 14);
    /** Median unit price per category, in cents, in the order of {@link EventSource#CATEGORIES}. */
    static final long[] CATEGORY_PRICE_CENTS = {18_000, 4_500, 6_000, 2_500, 5_500, 1_500, 3_000, 800};
    static final double[] CATEGORY_RETURN_RATE = {0.07, 0.18, 0.05, 0.04, 0.06, 0.02, 0.04, 0.01};

    static final List<String> TICKET_CATEGORIES = List.of("delivery", "refund", "payment", "account", "product", "app");
    static final double[] TICKET_CUMULATIVE = Rng.cumulative(30, 20, 10, 10, 25, 5);
    static final int APP_TICKET = 5;

    static final List<String> CLOSURE_REASONS = List.of("too_expensive", "poor_service", "found_alternative", "not_using",
            "privacy", "other");

    static final double[] DISCOUNTS = {0.05, 0.10, 0.15, 0.20, 0.25, 0.30};

    /** Day-of-week factor, Monday first: weekends busier. */
    static final double[] WEEKDAY = {0.93, 0.93, 0.97, 0.98, 1.04, 1.07, 1.08};
    /** Month factor, January first: the November-December peak, a January dip. */
    static final double[] MONTH = {0.88, 0.9, 0.95, 0.96, 0.98, 0.94, 0.92, 0.93, 0.99, 1.02, 1.3, 1.42};
    /** Orders multiply by this from Black Friday through Cyber Monday. */
    static final double BLACK_FRIDAY_ORDERS = 1.8;

    /** Daily leaving hazard of a customer whose every multiplier is 1 (about 2.2% a month). */
    static final double BASE_HAZARD = 0.00075;
    /** Daily chance that an active customer takes a break. */
    static final double PAUSE_HAZARD = 0.0004;
    /** New signups a day, as a share of the starting customers (about 4.5% a month). */
    static final double SIGNUPS_PER_DAY = 0.0015;
    /** Existing customers signed up over this many days before the start. */
    static final int HISTORY_DAYS = 730;
    static final double CLOSURE_CHANCE = 0.4;

    static final double TICKETS_PER_DAY = 0.0025;

    /** Hour of the day by traffic (evenings busiest), as a lookup of 1,024 slots. */
    static final byte[] HOURS = hours();

    static final byte[][] COUNTRY_BYTES = bytes(COUNTRIES);
    static final byte[][] CHANNEL_BYTES = bytes(CHANNELS);
    static final byte[][] MEMBERSHIP_BYTES = bytes(MEMBERSHIPS);
    static final byte[][] CATEGORY_BYTES = bytes(CATEGORIES);
    static final byte[][] TICKET_BYTES = bytes(TICKET_CATEGORIES);
    static final byte[][] REASON_BYTES = bytes(CLOSURE_REASONS);
    static final byte[][] DISCOUNT_BYTES = bytes(List.of("0.05", "0.10", "0.15", "0.20", "0.25", "0.30"));

    private static byte[] hours() {
        double[] weights = {1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2, 2.6, 3, 3.2, 3.3, 3.6, 3.4, 3.2, 3.2, 3.4, 3.8, 4.4, 5, 5.4, 5,
                3.6, 2};
        double[] cumulative = Rng.cumulative(weights);
        byte[] table = new byte[1024];
        int hour = 0;
        for (int i = 0; i < table.length; i++) {
            double at = (i + 0.5) / table.length;
            while (at > cumulative[hour]) {
                hour++;
            }
            table[i] = (byte) hour;
        }
        return table;
    }

    private static byte[][] bytes(List<String> values) {
        return values.stream().map(v -> v.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }
}
