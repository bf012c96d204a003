package dev.churnops.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.events.EventSource;
import dev.churnops.core.features.FeatureDefinition;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.json.Json;
import dev.churnops.handlers.FeatureStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Monitoring of the generated shop's model end to end: {@code churnops run} generates a small shop
 * (with or without a scenario), ingests it day by day, materializes its features and trains on
 * point-in-time sets; then {@code churnops monitor --feature-view} runs the monitoring state machine
 * on the view's customers as of the last day. A stable shop raises no data drift; a scenario raises
 * drift only on features computed from the columns its generator manifest says it shifts.
 *
 * <p>Sizes: 400 customers over 200 days (the shortest period with three monthly cutoffs after 90
 * days of activity history and before 30 days of labels), the scenario starting 25 days before the
 * end, so the last cutoff (end − 30 days) and every training row see only the world before it.
 * New-acquisition-channel needs more time in the scenario: the stable shop is grown by 90 days of
 * it and monitored with the model trained before them. Price-increase needs a larger shop and a
 * control of the same size: {@link ShopPriceIncreaseDriftTest}, run only with
 * {@code -Dchurnops.slowTests=true}. The stable shop is run once for the class; the class took
 * 47 s on a quiet two-core machine and 189 s with a 2,000-customer run beside it (one run each).
 */
class ShopMonitoringTest {

    static final int CUSTOMERS = 400;
    static final int DAYS = 200;
    static final String LAST_DAY = "2025-07-19";
    static final String SCENARIO_FROM = "2025-06-24";
    static final String LAST_CUTOFF = "2025-06-19";

    /** The day after the stable shop's last day: a scenario that starts there leaves its 200 days as they were. */
    static final String LATER_SCENARIO_FROM = "2025-07-20";
    /** The grown shop's days: 90 days of scenario after the stable shop's 200. */
    static final int LATER_DAYS = 290;
    static final String LATER_LAST_DAY = "2025-10-17";

    @TempDir
    Path dir;

    /** Holds the stable shop every test of the class may start from; built by the first that needs it. */
    @TempDir
    static Path shared;

    private static Path stableShop;

    /** The stable shop's home, run once per class: 200 days without a scenario, model {@code churn} trained at their end. */
    private static synchronized Path stableShop() throws IOException {
        if (stableShop == null) {
            Path home = shared.resolve("stable");
            run(home);
            stableShop = home;
        }
        return stableShop;
    }

    /** Runs the shop of 400 customers over {@code DAYS} days with the given extra arguments. */
    private static void run(Path home, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--home", home.toString(), "--customers", Integer.toString(CUSTOMERS),
                "--days", Integer.toString(DAYS), "--cutoffs", "3", "--algorithms", "logistic_regression"));
        args.addAll(List.of(extra));
        Cli run = Cli.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode summary = Json.tree(Files.readAllBytes(home.resolve("summary.json")), "summary.json");
        JsonNode set = summary.at("/shop/training_set");
        assertTrue(set.path("rows").path("test").asInt() > 0, set::toString);
    }

    /** Monitors the home's feature view on {@code date} with model {@code churn}'s champion; returns the drift report. */
    private JsonNode monitor(Path home, String date) throws IOException {
        Path out = dir.resolve("out-" + home.getFileName());
        Cli monitor = Cli.run("monitor", "--home", home.toString(), "--feature-view", FeatureStores.DEFAULT_VIEW,
                "--model-name", "churn", "--date", date, "--no-retrain", "--out", out.toString());
        assertEquals(0, monitor.exitCode(), monitor::toString);
        Path report;
        try (Stream<Path> files = Files.walk(home.resolve("monitoring").resolve(date))) {
            report = files.filter(p -> p.getFileName().toString().equals("drift-report.json")).findFirst().orElseThrow();
        }
        JsonNode monitored = Json.tree(Files.readAllBytes(out.resolve("monitoring-summary.json")), "monitoring-summary.json");
        assertEquals(date, monitored.path("date").asText(), monitored::toString);
        lastMonitored = monitored;
        return Json.tree(Files.readAllBytes(report), report.toString());
    }

    private JsonNode lastMonitored;

    /** Runs the shop, then monitors its feature view on the last day; returns the drift report. */
    private JsonNode runAndMonitor(Path home, String... scenario) throws IOException {
        run(home, scenario);
        return monitor(home, LAST_DAY);
    }

    /**
     * The stable shop grown by 90 days in which {@code scenario} runs, as if those days' files had
     * arrived since model {@code churn} was trained: a copy of the stable home gets the later raw
     * files of the same shop generated over 290 days with the scenario from the day after the
     * stable shop's last (the generator writes the same events for the days before a scenario
     * whatever the length, so the copy's ingested files stand), and {@code churnops run} ingests
     * and materializes only those, training its own model {@code churn-later} so that {@code churn}
     * stays as it was, trained before the scenario.
     */
    private Path grownWith(String scenario) throws IOException {
        Path home = dir.resolve(scenario);
        copy(stableShop(), home);
        Path generated = dir.resolve("generated-" + scenario);
        Cli generate = Cli.run("generate", "--customers", Integer.toString(CUSTOMERS), "--days", Integer.toString(LATER_DAYS),
                "--seed", "42", "--start", "2025-01-01", "--scenario", scenario, "--from", LATER_SCENARIO_FROM,
                "--out", generated.toString());
        assertEquals(0, generate.exitCode(), generate::toString);
        Path raw = generated.resolve("raw");
        try (Stream<Path> files = Files.walk(raw)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = home.resolve("raw").resolve(raw.relativize(file).toString());
                if (!Files.exists(target)) {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        Files.copy(generated.resolve("generator.json"), home.resolve("generator.json"), StandardCopyOption.REPLACE_EXISTING);
        List<String> args = new ArrayList<>(List.of("run", "--home", home.toString(), "--customers", Integer.toString(CUSTOMERS),
                "--days", Integer.toString(LATER_DAYS), "--scenario", scenario, "--scenario-from", LATER_SCENARIO_FROM,
                "--cutoffs", "3", "--algorithms", "logistic_regression", "--model", "churn-later"));
        Cli run = Cli.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("were ingested by an earlier run on this home"), run::toString);
        return home;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static List<String> drifted(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.path("summary").path("drifted_features").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** Each feature's PSI and KS, for the failure message. */
    static String figures(JsonNode report) {
        StringBuilder b = new StringBuilder();
        for (JsonNode f : report.path("features")) {
            b.append(String.format(Locale.ROOT, "%n  %-26s %s psi %.3f ks %s", f.path("name").asText(),
                    f.path("drifted").asBoolean() ? "DRIFT" : "     ", f.path("psi").asDouble(),
                    f.hasNonNull("ks_statistic") ? String.format(Locale.ROOT, "%.3f", f.path("ks_statistic").asDouble()) : "-"));
        }
        return b.toString();
    }

    /**
     * The model features computed from a column the manifest's scenario shifts: a feature reads its
     * source's time column (which events fall in its window), its field and the columns its filters
     * test; a derived feature reads what its parts read. Shifts of churn itself name no column.
     */
    static Set<String> movedFeatures(JsonNode generatorManifest) {
        FeatureRegistry registry = FeatureRegistry.builtIn();
        Set<String> moved = new TreeSet<>();
        for (String feature : registry.modelFeatures(FeatureStores.DEFAULT_VIEW)) {
            for (JsonNode shift : generatorManifest.at("/scenario/shifts")) {
                if (reads(registry, feature, shift.path("source").asText(), shift.path("column").asText())) {
                    moved.add(feature);
                }
            }
        }
        return moved;
    }

    private static boolean reads(FeatureRegistry registry, String name, String source, String column) {
        FeatureDefinition f = registry.features().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
        if (f.isDerived()) {
            return reads(registry, f.numerator(), source, column) || reads(registry, f.denominator(), source, column);
        }
        if (!f.source().equals(source)) {
            return false;
        }
        Set<String> columns = new HashSet<>();
        if (f.aggregation() != dev.churnops.core.features.Aggregation.VALUE) {
            columns.add(EventSource.valueOf(source.toUpperCase(Locale.ROOT)).timeColumn());
        }
        if (FeatureDefinition.NET_AMOUNT.equals(f.field())) {
            columns.addAll(List.of("quantity", "unit_price", "discount"));
        } else if (f.field() != null) {
            columns.add(f.field());
        }
        for (Map<String, String> filter : new ArrayList<>(java.util.Arrays.asList(f.filter(), f.perFilter(), f.minusFilter()))) {
            if (filter != null) {
                columns.addAll(filter.keySet());
            }
        }
        return columns.contains(column);
    }

    @Test
    void aShopWithoutAScenarioRaisesNoDataDrift() throws IOException {
        JsonNode report = monitor(stableShop(), LAST_DAY);

        assertEquals(List.of(), drifted(report), figures(report));
        assertTrue(report.path("features").size() >= 25, "every model feature is compared: " + figures(report));
    }

    /**
     * The two scenarios whose moved features drift 25 days into them at this size. The other two
     * do not (measured on the same sizes): price-increase moved nothing beyond the noise (spend_30d
     * PSI 0.07 KS 0.03, orders_30d PSI 0.03 KS 0.06, days_since_last_order PSI 0.08 KS 0.11 with
     * adjusted p 0.36), and new-acquisition-channel brings too few customers into a shop of 400
     * (acquisition_channel PSI 0.08, tenure_days PSI 0.06 KS 0.09, adjusted p 0.82 and 1); they have
     * their own tests below and in {@link ShopPriceIncreaseDriftTest}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"app-outage", "competitor-promo"})
    void aScenarioRaisesDriftOnlyOnFeaturesComputedFromTheColumnsItShifts(String scenario) throws IOException {
        Path home = dir.resolve(scenario);
        JsonNode report = runAndMonitor(home, "--scenario", scenario, "--scenario-from", SCENARIO_FROM);
        JsonNode manifest = Json.tree(Files.readAllBytes(home.resolve("generator.json")), "generator.json");
        Set<String> moved = movedFeatures(manifest);

        List<String> drifted = drifted(report);
        assertFalse(drifted.isEmpty(), scenario + " moves " + moved + " but nothing drifted:" + figures(report));
        assertTrue(moved.containsAll(drifted), scenario + " moves " + moved + "; drifted " + drifted + figures(report));
    }

    /**
     * New-acquisition-channel moves the customers who arrive, so it shows only once enough of them
     * have: 25 days into it acquisition_channel had PSI 0.08 (adjusted p 0.82); here the stable
     * shop's model is monitored 90 days into the scenario, when acquisition_channel has PSI 0.42
     * (chi-squared, adjusted p 0.002) and tenure_days PSI 0.13, KS 0.14 (adjusted p 0.006).
     */
    @Test
    void newCustomersFromANewChannelDriftTheFeaturesOfWhoArrivesOnceEnoughHaveArrived() throws IOException {
        String scenario = "new-acquisition-channel";
        Path home = grownWith(scenario);
        JsonNode report = monitor(home, LATER_LAST_DAY);
        JsonNode manifest = Json.tree(Files.readAllBytes(home.resolve("generator.json")), "generator.json");
        Set<String> moved = movedFeatures(manifest);

        assertEquals("churn", lastMonitored.path("model").asText(), lastMonitored::toString);
        assertEquals(1, lastMonitored.path("version").asInt(), "the model trained before the scenario is monitored");
        List<String> drifted = drifted(report);
        assertTrue(drifted.contains("acquisition_channel"), scenario + " moves " + moved + "; drifted " + drifted + figures(report));
        assertTrue(moved.containsAll(drifted), scenario + " moves " + moved + "; drifted " + drifted + figures(report));
    }

    @Test
    void theLastTrainingCutoffIsBeforeTheScenarioStarts() {
        assertTrue(LAST_CUTOFF.compareTo(SCENARIO_FROM) < 0);
        assertEquals(java.time.LocalDate.parse(LAST_DAY).minusDays(30).toString(), LAST_CUTOFF);
        assertEquals(java.time.LocalDate.parse("2025-01-01").plusDays(DAYS - 1).toString(), LAST_DAY);
    }
}
