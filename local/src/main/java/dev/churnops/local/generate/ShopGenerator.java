package dev.churnops.local.generate;

import dev.churnops.core.events.EventSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes an online shop's raw events, day by day, under {@code raw/<source>/dt=YYYY-MM-DD/part-00000.csv}
 * in the layout of {@link EventSource}. Customers behave by a latent engagement that, for those
 * about to leave, decays over weeks before their orders and sessions stop (some then close their
 * account); the chance to start leaving rises with the drivers {@link GeneratorManifest} lists.
 * Memory is the per-customer state plus one day of rows; the same configuration always gives the
 * same bytes, whatever the number of threads.
 */
public final class ShopGenerator {

    /** Fixed, so the slicing of customers (and hence the random streams) never depends on the machine. */
    static final int SHARDS = 8;
    private static final int SIGNUP_STREAM = SHARDS;
    private static final int DEFECT_STREAM = SHARDS + 1;
    private static final int PROFILE_STREAM = SHARDS + 2;
    private static final int SOURCES = EventSource.values().length;
    private static final int CUSTOMERS = EventSource.CUSTOMERS.ordinal();

    private final GeneratorConfig config;
    private final Path out;
    private final Population p;
    private final Shard[] shards = new Shard[SHARDS];
    private final RowBuffer[] extra = new RowBuffer[SOURCES];
    private final long[] rows = new long[SOURCES];
    private final long[] defectsBySource = new long[SOURCES];
    private final EnumMap<DefectKind, Long> defects = new EnumMap<>(DefectKind.class);
    private final byte[][] headers = new byte[SOURCES][];
    private final long endSecond;
    private long files;
    private long bytes;
    private int signupsDuring;
    private int newChannelSignups;
    private long defectSeq;

    private ShopGenerator(GeneratorConfig config, Path out) {
        this.config = config;
        this.out = out;
        this.p = new Population(config.customers() + config.customers() / 8);
        for (int s = 0; s < SHARDS; s++) {
            shards[s] = new Shard(p, config.seed(), s);
        }
        for (EventSource source : EventSource.values()) {
            extra[source.ordinal()] = new RowBuffer(1 << 12);
            headers[source.ordinal()] = (source.header() + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        for (DefectKind kind : DefectKind.values()) {
            defects.put(kind, 0L);
        }
        this.endSecond = (config.end().toEpochDay() + 1) * 86_400L;
    }

    /**
     * Generates the files under {@code out} (which must not hold a {@code raw/} folder yet) and
     * returns what was written; {@code generator.json} is the caller's to write (see
     * {@link GeneratorManifest}).
     *
     * @param threads worker threads for the customer slices (the output does not depend on it)
     */
    public static GenerationResult generate(GeneratorConfig config, Path out, int threads) throws IOException {
        Path raw = out.resolve("raw");
        if (Files.exists(raw)) {
            throw new IllegalArgumentException("--out " + out + " already holds raw/: expected a new or empty directory, "
                    + "so generated files never mix with others");
        }
        ShopGenerator g = new ShopGenerator(config, out);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, SHARDS)), r -> {
            Thread t = new Thread(r, "generate");
            t.setDaemon(true);
            return t;
        });
        try {
            g.existingCustomers();
            for (int d = 0; d < config.days(); d++) {
                g.day(new Day(config, d), pool);
            }
        } finally {
            pool.shutdownNow();
        }
        return g.result();
    }

    private GenerationResult result() {
        Map<EventSource, Long> bySource = new EnumMap<>(EventSource.class);
        Map<EventSource, Long> defectRows = new EnumMap<>(EventSource.class);
        long left = 0;
        long paused = 0;
        long closures = 0;
        for (Shard s : shards) {
            left += s.startedLeaving;
            paused += s.paused;
            closures += s.closures;
        }
        for (EventSource source : EventSource.values()) {
            bySource.put(source, rows[source.ordinal()]);
            defectRows.put(source, defectsBySource[source.ordinal()]);
        }
        var outcomes = new GenerationResult.Outcomes(config.customers(), signupsDuring, newChannelSignups, left, paused, closures,
                p.count(Population.ACTIVE), p.count(Population.LEAVING), p.count(Population.PAUSED), p.count(Population.GONE),
                p.count(Population.CLOSED));
        return new GenerationResult(config, bySource, new EnumMap<>(defects), defectRows, files, bytes, outcomes);
    }

    /** The customers who signed up over the two years before the start, into their own earlier partitions. */
    private void existingCustomers() throws IOException {
        int n = config.customers();
        long startSecond = config.start().toEpochDay() * 86_400L;
        Rng rng = Rng.of(config.seed(), -1, PROFILE_STREAM);
        long[] signups = new long[n];
        for (int i = 0; i < n; i++) {
            // Skewed to recent dates: the shop has been growing.
            double age = Math.pow(rng.nextDouble(), 1.3) * ShopModel.HISTORY_DAYS * 86_400.0;
            signups[i] = startSecond - 1 - (long) age;
        }
        Arrays.sort(signups);
        p.reserve(n);
        RowBuffer buffer = extra[CUSTOMERS];
        long currentDay = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long day = Math.floorDiv(signups[i], 86_400L);
            if (day != currentDay && buffer.length() > 0) {
                writeFile(EventSource.CUSTOMERS, currentDay, List.of(buffer));
                buffer.clear();
            }
            currentDay = day;
            int c = addCustomer(rng, signups[i], false);
            // Some of them are already on their way out, or on a break, when the period starts.
            double u = rng.nextDouble();
            if (u < 0.03) {
                int weeks = 14 + rng.nextInt(43);
                int done = rng.nextInt(weeks);
                p.status[c] = Population.LEAVING;
                p.untilDay[c] = weeks - done;
                p.decayPerDay[c] = (float) Math.exp(Math.log(0.08) / weeks);
                p.engagement[c] = (float) Math.pow(p.decayPerDay[c], done);
            } else if (u < 0.045) {
                p.status[c] = Population.PAUSED;
                p.untilDay[c] = rng.nextInt(60);
            }
            if (rng.chance(0.05)) {
                p.unresolved[c] = 1;
            }
            p.satisfaction[c] = (float) (2.5 + 2.5 * rng.nextDouble());
            customerRow(buffer, c);
        }
        if (buffer.length() > 0) {
            writeFile(EventSource.CUSTOMERS, currentDay, List.of(buffer));
            buffer.clear();
        }
    }

    private int addCustomer(Rng rng, long signupSecond, boolean newChannel) {
        int c = p.size++;
        p.signupSecond[c] = signupSecond;
        p.country[c] = (byte) rng.pick(ShopModel.COUNTRY_CUMULATIVE);
        int channel = newChannel ? ShopModel.NEW_CHANNEL : rng.pick(ShopModel.CHANNEL_CUMULATIVE);
        p.channel[c] = (byte) channel;
        int membership = rng.pick(newChannel ? ShopModel.NEW_CHANNEL_MEMBERSHIP_CUMULATIVE : ShopModel.MEMBERSHIP_CUMULATIVE);
        p.membership[c] = (byte) membership;
        int first = rng.pick(ShopModel.CATEGORY_CUMULATIVE);
        int second = (first + 1 + rng.nextInt(7)) % 8;
        int third = second;
        while (third == first || third == second) {
            third = rng.nextInt(8);
        }
        p.categories[c * 3] = (byte) first;
        p.categories[c * 3 + 1] = (byte) second;
        p.categories[c * 3 + 2] = (byte) third;
        p.optedIn[c] = rng.chance(0.88);
        double rate = 0.3 * Math.exp(0.6 * rng.gaussian()) * (membership == 2 ? 1.3 : 1.0) * (newChannel ? 1.2 : 1.0);
        p.sessionRate[c] = (float) Math.max(0.1, Math.min(3.0, rate));
        double conversion = 0.16 * Math.exp(0.4 * rng.gaussian()) * (1.0 + 0.2 * membership) * (newChannel ? 0.6 : 1.0);
        p.conversion[c] = (float) Math.max(0.03, Math.min(0.6, conversion));
        p.openPropensity[c] = (float) Math.min(0.95, (0.1 + 0.5 * Math.pow(rng.nextDouble(), 0.8)) * (channel == 5 ? 1.3 : 1.0));
        p.appPreference[c] = (float) (newChannel ? 0.7 + 0.25 * rng.nextDouble() : rng.nextDouble());
        p.priceSensitivity[c] = (float) (newChannel ? 0.5 + 0.5 * rng.nextDouble() : Math.pow(rng.nextDouble(), 1.5));
        p.baseHazard[c] = ShopModel.MEMBERSHIP_HAZARD[membership] * ShopModel.CHANNEL_HAZARD[channel];
        p.engagement[c] = 1f;
        p.decayPerDay[c] = 1f;
        p.satisfaction[c] = 4f;
        p.recentDiscount[c] = 0.1f;
        p.untilDay[c] = -1;
        p.closureDay[c] = -1;
        p.resolveDay[c] = -1;
        return c;
    }

    private void customerRow(RowBuffer b, int c) {
        b.customerId(c + 1L).comma().timestamp(p.signupSecond[c]).comma().bytes(ShopModel.COUNTRY_BYTES[p.country[c]]).comma()
                .bytes(ShopModel.CHANNEL_BYTES[p.channel[c]]).comma().bytes(ShopModel.MEMBERSHIP_BYTES[p.membership[c]]).endRow();
        rows[CUSTOMERS]++;
    }

    private void day(Day day, ExecutorService pool) throws IOException {
        for (RowBuffer b : extra) {
            b.clear();
        }
        int before = p.size;
        int[] signupSeconds = signups(day);
        // Every shard slices the same customer count, fixed before they start.
        int count = p.size;
        List<Future<?>> running = new ArrayList<>(SHARDS);
        for (int s = 0; s < SHARDS; s++) {
            Shard shard = shards[s];
            int from = (int) ((long) count * s / SHARDS);
            int to = (int) ((long) count * (s + 1) / SHARDS);
            running.add(pool.submit(() -> shard.run(day, from, to)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while generating " + day.date, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("generating " + day.date + " failed: " + e.getCause(), e.getCause());
            }
        }
        long today = p.size - before;
        for (Shard shard : shards) {
            for (int i = 0; i < SOURCES; i++) {
                rows[i] += shard.rows[i];
                today += shard.rows[i];
                shard.rows[i] = 0;
            }
        }
        injectDefects(day, today, before, signupSeconds);
        for (EventSource source : EventSource.values()) {
            int i = source.ordinal();
            List<RowBuffer> parts = new ArrayList<>(SHARDS + 1);
            for (Shard shard : shards) {
                parts.add(shard.out[i]);
            }
            parts.add(extra[i]);
            writeFile(source, day.epochDay, parts);
        }
    }

    /** Today's new customers, appended in signup order; returns their seconds of the day. */
    private int[] signups(Day day) {
        Rng rng = Rng.of(config.seed(), day.index, SIGNUP_STREAM);
        double mean = config.customers() * ShopModel.SIGNUPS_PER_DAY * ShopModel.MONTH[day.date.getMonthValue() - 1]
                * (day.newChannel ? 1.4 : 1.0);
        int n = rng.poisson(mean);
        int[] seconds = new int[n];
        for (int i = 0; i < n; i++) {
            seconds[i] = ShopModel.HOURS[rng.nextInt(1024)] * 3600 + rng.nextInt(3600);
        }
        Arrays.sort(seconds);
        p.reserve(n);
        for (int i = 0; i < n; i++) {
            boolean newChannel = day.newChannel && rng.chance(0.45);
            int c = addCustomer(rng, day.startSecond + seconds[i], newChannel);
            customerRow(extra[CUSTOMERS], c);
            if (newChannel) {
                newChannelSignups++;
            }
        }
        signupsDuring += n;
        return seconds;
    }

    /**
     * Appends about {@code rate x rows} malformed rows to today's files, each with exactly one
     * defect, counted by kind. Victims are customers signed up before today who have not closed
     * their account, so the row's only fault is the injected one.
     */
    private void injectDefects(Day day, long rowsToday, int before, int[] signupSeconds) {
        if (config.defectRate() == 0 || before == 0) {
            return;
        }
        Rng rng = Rng.of(config.seed(), day.index, DEFECT_STREAM);
        double expected = config.defectRate() * rowsToday;
        int n = (int) expected + (rng.nextDouble() < expected - (int) expected ? 1 : 0);
        boolean lateSignup = signupSeconds.length > 0 && signupSeconds[signupSeconds.length - 1] > 0;
        DefectKind[] kinds = DefectKind.values();
        for (int i = 0; i < n; i++) {
            DefectKind kind = kinds[rng.nextInt(kinds.length)];
            if (kind == DefectKind.BEFORE_SIGNUP && !lateSignup) {
                // Needs a customer signing up today after midnight; draw one of the other kinds.
                kind = kinds[(kind.ordinal() + 1 + rng.nextInt(kinds.length - 1)) % kinds.length];
            }
            int c = rng.nextInt(before);
            for (int tries = 0; tries < 50 && p.status[c] == Population.CLOSED; tries++) {
                c = rng.nextInt(before);
            }
            if (p.status[c] == Population.CLOSED) {
                continue;
            }
            defect(day, rng, kind, c, signupSeconds, before);
        }
    }

    private void defect(Day day, Rng rng, DefectKind kind, int c, int[] signupSeconds, int before) {
        EventSource source = switch (kind) {
            case UNPARSEABLE_NUMBER, BEFORE_SIGNUP -> rng.chance(0.5) ? EventSource.ORDERS : EventSource.SESSIONS;
            default -> switch (rng.nextInt(4)) {
                case 0 -> EventSource.ORDERS;
                case 1 -> EventSource.SESSIONS;
                case 2 -> EventSource.EMAILS;
                default -> EventSource.TICKETS;
            };
        };
        long customer = c + 1L;
        int second = 60 + rng.nextInt(86_000);
        if (kind == DefectKind.BEFORE_SIGNUP) {
            int last = signupSeconds.length - 1;
            int pick = last;
            while (pick > 0 && rng.chance(0.5) && signupSeconds[pick - 1] > 0) {
                pick--;
            }
            customer = before + pick + 1L;
            second = rng.nextInt(signupSeconds[pick]);
        }
        String id = "X" + (++defectSeq);
        String time = new RowBuffer(24).time(day.prefix, second).toString();
        if (kind == DefectKind.BAD_TIMESTAMP) {
            time = time.substring(0, 10) + " " + time.substring(11, 19);
        } else if (kind == DefectKind.FUTURE_TIMESTAMP) {
            long future = endSecond + (365L + rng.nextInt(365)) * 86_400L + rng.nextInt(86_400);
            time = new RowBuffer(24).timestamp(future).toString();
        }
        String customerId = kind == DefectKind.UNKNOWN_CUSTOMER
                ? new RowBuffer(12).ch('C').ch('9').ch('9').padded(rng.nextInt(1_000_000), 6).toString()
                : new RowBuffer(12).customerId(customer).toString();
        String[] cells = switch (source) {
            case ORDERS -> new String[] {"O" + id, customerId, time, "1", "books", "1", "15.00", "0.00", "false"};
            case SESSIONS -> new String[] {"S" + id, customerId, time, "web", "5", "2", "books"};
            case EMAILS -> new String[] {"E" + id, customerId, time, "weekly-" + day.date, "sent"};
            default -> new String[] {"T" + id, customerId, time, "opened", "delivery", ""};
        };
        if (kind == DefectKind.UNPARSEABLE_NUMBER) {
            if (source == EventSource.ORDERS) {
                cells[rng.chance(0.5) ? 6 : 5] = rng.chance(0.5) ? "15.00.1" : "3x";
            } else {
                cells[4] = rng.chance(0.5) ? "5.5.5" : "five";
            }
        }
        String row = String.join(",", cells);
        if (kind == DefectKind.WRONG_COLUMN_COUNT) {
            row = rng.chance(0.5) ? row.substring(0, row.lastIndexOf(',')) : row + ",extra";
        }
        extra[source.ordinal()].ascii(row).endRow();
        defects.merge(kind, 1L, Long::sum);
        defectsBySource[source.ordinal()]++;
    }

    private void writeFile(EventSource source, long epochDay, List<RowBuffer> parts) throws IOException {
        long size = 0;
        for (RowBuffer part : parts) {
            size += part.length();
        }
        if (size == 0) {
            return;
        }
        Path dir = out.resolve("raw").resolve(source.sourceName()).resolve("dt=" + RowBuffer.date(epochDay));
        Files.createDirectories(dir);
        byte[] header = headers[source.ordinal()];
        try (OutputStream file = Files.newOutputStream(dir.resolve("part-00000.csv"))) {
            file.write(header);
            for (RowBuffer part : parts) {
                part.writeTo(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("part-00000.csv") + ": " + e.getMessage(), e);
        }
        files++;
        bytes += header.length + size;
    }
}
