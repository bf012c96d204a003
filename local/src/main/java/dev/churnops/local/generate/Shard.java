package dev.churnops.local.generate;

import static dev.churnops.local.generate.Population.ACTIVE;
import static dev.churnops.local.generate.Population.CLOSED;
import static dev.churnops.local.generate.Population.GONE;
import static dev.churnops.local.generate.Population.LEAVING;
import static dev.churnops.local.generate.Population.PAUSED;

import dev.churnops.core.events.EventSource;

/**
 * One slice of the customers for one day at a time: moves each customer's latent state on by a
 * day and writes the day's orders, sessions, e-mails, tickets and closures into this shard's
 * buffers. Shards touch disjoint customers and their own buffers, so they run in parallel; the
 * slices and random streams depend only on the seed, day and customer count, never on threads.
 */
final class Shard {

    static final int ORDERS = EventSource.ORDERS.ordinal();
    static final int SESSIONS = EventSource.SESSIONS.ordinal();
    static final int EMAILS = EventSource.EMAILS.ordinal();
    static final int TICKETS = EventSource.TICKETS.ordinal();
    static final int CLOSURES = EventSource.CLOSURES.ordinal();

    private static final byte[] WEB = {'w', 'e', 'b'};
    private static final byte[] APP = {'a', 'p', 'p'};
    private static final byte[] SENT = {'s', 'e', 'n', 't'};
    private static final byte[] OPENED = {'o', 'p', 'e', 'n', 'e', 'd'};
    private static final byte[] CLICKED = {'c', 'l', 'i', 'c', 'k', 'e', 'd'};
    private static final byte[] RESOLVED = {'r', 'e', 's', 'o', 'l', 'v', 'e', 'd'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NO_DISCOUNT = {'0', '.', '0', '0'};

    final RowBuffer[] out = new RowBuffer[EventSource.values().length];
    final long[] rows = new long[EventSource.values().length];
    long startedLeaving;
    long paused;
    long closures;

    private final Population p;
    private final long seed;
    private final int shard;
    private Rng rng;
    private Day day;
    /** The eight digits of {@link #digitsOf}'s number: every row names its customer once or twice. */
    private final byte[] digits = new byte[8];
    private int digitsOf = -1;

    Shard(Population population, long seed, int shard) {
        this.p = population;
        this.seed = seed;
        this.shard = shard;
        for (int i = 0; i < out.length; i++) {
            out[i] = new RowBuffer(1 << 16);
        }
    }

    private byte[] digits(int c) {
        if (digitsOf != c) {
            int v = c + 1;
            for (int i = 7; i >= 0; i--) {
                digits[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            digitsOf = c;
        }
        return digits;
    }

    /** Simulates customers {@code [from, to)} through {@code today}, after clearing the buffers. */
    void run(Day today, int from, int to) {
        for (RowBuffer b : out) {
            b.clear();
        }
        this.day = today;
        this.rng = Rng.of(seed, today.index, shard);
        for (int c = from; c < to; c++) {
            customerDay(c);
        }
    }

    private void customerDay(int c) {
        byte status = p.status[c];
        if (status == CLOSED) {
            return;
        }
        long sinceSignup = day.startSecond - p.signupSecond[c];
        // A customer who signs up today acts only after signing up.
        int minSecond = sinceSignup > 0 ? 0 : (int) -sinceSignup + 1;
        if (minSecond >= 86_400) {
            return;
        }
        if (status == GONE && p.closureDay[c] == day.index) {
            // Closing ends everything, this day's campaign and pending tickets included.
            close(c);
            return;
        }
        if (p.resolveDay[c] == day.index) {
            resolveTicket(c);
        }
        if (day.campaign != null && p.optedIn[c] && minSecond == 0) {
            email(c, status);
        }
        switch (status) {
            case GONE -> {
                return;
            }
            case PAUSED -> {
                if (day.index < p.untilDay[c]) {
                    return;
                }
                p.status[c] = ACTIVE;
                p.engagement[c] = 1f;
            }
            case LEAVING -> {
                p.engagement[c] *= p.decayPerDay[c];
                if (day.index >= p.untilDay[c]) {
                    stop(c);
                    return;
                }
            }
            default -> {
                double u = rng.nextDouble();
                double hazard = hazard(c, sinceSignup);
                if (u < hazard) {
                    startLeaving(c);
                } else if (u < hazard + ShopModel.PAUSE_HAZARD) {
                    p.status[c] = PAUSED;
                    p.untilDay[c] = day.index + 20 + rng.nextInt(56);
                    paused++;
                    return;
                }
            }
        }
        activity(c, minSecond, p.status[c] == LEAVING);
    }

    /**
     * Today's chance that an active customer starts to leave: the profile's base (membership,
     * channel) raised by unresolved tickets, poor satisfaction, price sensitivity without
     * discounts, little app use, a short tenure, and the scenario.
     */
    private double hazard(int c, long sinceSignup) {
        double h = ShopModel.BASE_HAZARD * p.baseHazard[c] * day.hazardFactor;
        h *= 1.0 + 0.6 * p.unresolved[c];
        float sat = p.satisfaction[c];
        h *= sat < 2.5f ? 2.4 : sat < 3.5f ? 1.5 : 0.85;
        float price = p.priceSensitivity[c];
        h *= 1.0 + 1.4 * price * Math.max(0.0, 1.0 - p.recentDiscount[c] / 0.12) + day.priceHazard * price;
        float app = p.appPreference[c];
        h *= (app < 0.25f ? 1.3 : app > 0.6f ? 0.8 : 1.0) * (1.0 + day.appHazard * app);
        if (sinceSignup < 90 * 86_400L) {
            h *= 1.6;
        }
        return h;
    }

    private void startLeaving(int c) {
        int weeks = 14 + rng.nextInt(43);
        p.status[c] = LEAVING;
        p.untilDay[c] = day.index + weeks;
        // Engagement falls to about 8% by the last active day.
        p.decayPerDay[c] = (float) Math.exp(Math.log(0.08) / weeks);
        startedLeaving++;
    }

    private void stop(int c) {
        p.status[c] = GONE;
        double chance = ShopModel.CLOSURE_CHANCE * (1.0 + 0.5 * Math.min(2, p.unresolved[c]));
        if (rng.chance(chance)) {
            p.closureDay[c] = day.index + 1 + rng.nextInt(21);
        }
    }

    private int second(int minSecond) {
        int s = ShopModel.HOURS[rng.nextInt(1024)] * 3600 + rng.nextInt(3600);
        return s >= minSecond ? s : minSecond + rng.nextInt(86_400 - minSecond);
    }

    private void activity(int c, int minSecond, boolean leaving) {
        float e = p.engagement[c];
        double sessionsMean = p.sessionRate[c] * e * day.sessionSeason;
        double orderChance = p.sessionRate[c] * p.conversion[c] * e * day.orderSeason * day.orderFactor;
        int sessions = rng.poisson(sessionsMean);
        int orders = orderChance > rng.nextDouble() ? (rng.chance(0.08) ? 2 : 1) : 0;
        if (orders > 0 && sessions == 0) {
            sessions = 1;
        }
        int lastSession = -1;
        float app = p.appPreference[c];
        for (int i = 0; i < sessions; i++) {
            boolean onApp = rng.nextDouble() < app;
            if (onApp && day.appOutage && rng.chance(0.85)) {
                if (rng.chance(0.5)) {
                    continue;
                }
                onApp = false;
            }
            int at = second(minSecond);
            session(c, at, onApp, e);
            lastSession = Math.max(lastSession, at);
        }
        if (lastSession >= 0) {
            for (int i = 0; i < orders; i++) {
                order(c, Math.min(86_399, lastSession + 30 + rng.nextInt(1800)), leaving);
            }
        }
        if (p.resolveDay[c] < 0) {
            double ticketChance = ShopModel.TICKETS_PER_DAY * (leaving ? 3.0 : 1.0)
                    + (day.appOutage ? 0.012 * app : 0.0);
            if (rng.nextDouble() < ticketChance) {
                openTicket(c, minSecond, leaving);
            }
        }
    }

    private void session(int c, int at, boolean onApp, float e) {
        RowBuffer b = out[SESSIONS];
        int pages = 1 + rng.geometric(5.0 * (0.6 + 0.4 * e));
        int products = (int) (pages * (0.2 + 0.6 * rng.nextDouble()));
        b.ch('S').bytes(digits(c)).ch('-').number(p.sessionSeq[c]++).comma().ch('C').bytes(digits(c)).comma()
                .time(day.prefix, at).comma().bytes(onApp ? APP : WEB).comma().number(pages).comma().number(products).comma();
        if (products > 0) {
            b.bytes(ShopModel.CATEGORY_BYTES[category(c)]);
        }
        b.endRow();
        rows[SESSIONS]++;
    }

    private int category(int c) {
        int u = rng.nextInt(100);
        return u < 45 ? p.categories[c * 3] : u < 70 ? p.categories[c * 3 + 1] : u < 85 ? p.categories[c * 3 + 2]
                : rng.pick(ShopModel.CATEGORY_CUMULATIVE);
    }

    private void order(int c, int at, boolean leaving) {
        RowBuffer b = out[ORDERS];
        int seq = p.orderSeq[c]++;
        int lines = 1 + Math.min(19, rng.geometric(1.1));
        double discountChance = (day.blackFridayWeekend ? 0.75 : 0.3) + 0.25 * p.priceSensitivity[c];
        int discount = rng.nextDouble() < discountChance ? rng.nextInt(ShopModel.DISCOUNTS.length) : -1;
        float received = discount < 0 ? 0f : (float) ShopModel.DISCOUNTS[discount];
        p.recentDiscount[c] = 0.7f * p.recentDiscount[c] + 0.3f * received;
        for (int line = 1; line <= lines; line++) {
            int cat = category(c);
            int quantity = 1 + (cat == 7 ? rng.geometric(1.5) : rng.geometric(0.25));
            long cents = Math.max(50L, Math.round(ShopModel.CATEGORY_PRICE_CENTS[cat] * rng.logNormal(0.45) * day.priceFactor));
            boolean returned = rng.nextDouble() < ShopModel.CATEGORY_RETURN_RATE[cat] * (leaving ? 1.6 : 1.0);
            b.ch('O').bytes(digits(c)).ch('-').number(seq).comma().ch('C').bytes(digits(c)).comma().time(day.prefix, at).comma()
                    .number(line).comma().bytes(ShopModel.CATEGORY_BYTES[cat]).comma().number(quantity).comma()
                    .hundredths(cents).comma().bytes(discount < 0 ? NO_DISCOUNT : ShopModel.DISCOUNT_BYTES[discount]).comma()
                    .bytes(returned ? TRUE : FALSE).endRow();
        }
        rows[ORDERS] += lines;
    }

    private void email(int c, byte status) {
        RowBuffer b = out[EMAILS];
        int seq = p.emailSeq[c]++;
        int sent = 6 * 3600 + rng.nextInt(4 * 3600);
        emailRow(b, c, seq, sent, SENT);
        double engaged = switch (status) {
            case ACTIVE, LEAVING -> p.engagement[c];
            case PAUSED -> 0.3;
            default -> 0.04;
        };
        if (rng.nextDouble() < p.openPropensity[c] * engaged * day.openFactor) {
            int opened = sent + 120 + rng.nextInt(8 * 3600);
            emailRow(b, c, seq, opened, OPENED);
            if (rng.nextDouble() < 0.15 + 0.2 * engaged) {
                emailRow(b, c, seq, opened + 5 + rng.nextInt(600), CLICKED);
            }
        }
    }

    private void emailRow(RowBuffer b, int c, int seq, int at, byte[] type) {
        b.ch('E').bytes(digits(c)).ch('-').number(seq).comma().ch('C').bytes(digits(c)).comma().time(day.prefix, at).comma()
                .bytes(day.campaign).comma().bytes(type).endRow();
        rows[EMAILS]++;
    }

    private void openTicket(int c, int minSecond, boolean leaving) {
        int category = day.appOutage && rng.nextDouble() < 0.5 + 0.4 * p.appPreference[c] ? ShopModel.APP_TICKET
                : rng.pick(ShopModel.TICKET_CUMULATIVE);
        int seq = p.ticketSeq[c]++;
        ticketRow(c, seq, second(minSecond), category, 0);
        if (rng.nextDouble() < (leaving ? 0.22 : 0.07)) {
            // Never answered: it weighs on the customer from now on.
            if (p.unresolved[c] < 100) {
                p.unresolved[c]++;
            }
        } else {
            p.resolveDay[c] = day.index + 1 + rng.nextInt(day.appOutage ? 10 : 6);
            p.pendingCategory[c] = (byte) category;
        }
    }

    private void resolveTicket(int c) {
        int category = p.pendingCategory[c];
        double mean = 4.2 - (p.status[c] == LEAVING || p.status[c] == GONE ? 1.5 : 0.0) - 0.3 * Math.min(3, p.unresolved[c])
                - (category == ShopModel.APP_TICKET && day.appOutage ? 1.2 : 0.0);
        int score = (int) Math.round(mean + 1.6 * (rng.nextDouble() + rng.nextDouble() - 1.0));
        score = Math.max(1, Math.min(5, score));
        ticketRow(c, p.ticketSeq[c] - 1, second(0), category, score);
        p.satisfaction[c] = 0.5f * p.satisfaction[c] + 0.5f * score;
        p.resolveDay[c] = -1;
    }

    private void ticketRow(int c, int seq, int at, int category, int satisfaction) {
        RowBuffer b = out[TICKETS];
        b.ch('T').bytes(digits(c)).ch('-').number(seq).comma().ch('C').bytes(digits(c)).comma().time(day.prefix, at).comma();
        if (satisfaction == 0) {
            b.ascii("opened").comma().bytes(ShopModel.TICKET_BYTES[category]).comma();
        } else {
            b.bytes(RESOLVED).comma().bytes(ShopModel.TICKET_BYTES[category]).comma().number(satisfaction);
        }
        b.endRow();
        rows[TICKETS]++;
    }

    private void close(int c) {
        int reason;
        if (day.competitorPromo && rng.chance(0.6)) {
            reason = 2;
        } else if (p.priceSensitivity[c] > 0.6f && rng.chance(0.7)) {
            reason = 0;
        } else if ((p.unresolved[c] > 0 || p.satisfaction[c] < 3f) && rng.chance(0.7)) {
            reason = 1;
        } else {
            int u = rng.nextInt(10);
            reason = u < 3 ? 2 : u < 7 ? 3 : u < 8 ? 4 : 5;
        }
        out[CLOSURES].ch('C').bytes(digits(c)).comma().time(day.prefix, second(0)).comma().bytes(ShopModel.REASON_BYTES[reason])
                .endRow();
        rows[CLOSURES]++;
        closures++;
        p.status[c] = CLOSED;
    }
}
