package dev.churnops.local.cli;

import dev.churnops.core.events.EventSource;
import dev.churnops.local.generate.GenerationResult;
import dev.churnops.local.generate.GeneratorConfig;
import dev.churnops.local.generate.GeneratorManifest;
import dev.churnops.local.generate.Scenario;
import dev.churnops.local.generate.ShopGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churnops generate}: writes an online shop's raw events for N customers over D days under
 * {@code DIR/raw/<source>/dt=YYYY-MM-DD/}, with an optional scenario from a date and a few
 * deliberately malformed rows, plus {@code DIR/generator.json} describing what was written. The
 * same arguments always give the same bytes.
 */
@Command(name = "generate", description = "Write an online shop's raw events (customers, orders, sessions, e-mails, tickets, "
        + "closures) for N customers over D days, and generator.json describing them.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--customers", required = true, paramLabel = "N", description = "Customers when the period starts "
            + "(signed up over the two years before); new ones sign up every day.")
    int customers;

    @Option(names = "--days", required = true, paramLabel = "D", description = "Days to generate.")
    int days;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed: the same arguments give the same bytes.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write raw/ and generator.json "
            + "into; it must not hold raw/ yet.")
    Path out;

    @Option(names = "--start", paramLabel = "DATE", defaultValue = "2026-01-01", description = "First day (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--scenario", paramLabel = "NAME", description = "A change from --from on: price-increase, app-outage, "
            + "competitor-promo or new-acquisition-channel.")
    String scenario;

    @Option(names = "--from", paramLabel = "DATE", description = "First day of the scenario (default: the middle of the period).")
    String from;

    @Option(names = "--defect-rate", paramLabel = "R", defaultValue = "0.0005", description = "Malformed rows injected per "
            + "valid row, counted by kind in generator.json; 0 for none (default: ${DEFAULT-VALUE}).")
    double defectRate;

    @Override
    public Integer call() throws IOException {
        GeneratorConfig config = config();
        checkOut(out);
        long t0 = System.nanoTime();
        GenerationResult result = ShopGenerator.generate(config, out, Runtime.getRuntime().availableProcessors());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path manifest = GeneratorManifest.write(result, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %,d events (%,d customers, %,d order lines, %,d sessions, %,d e-mail events, %,d ticket "
                        + "events, %,d closures) and %,d defective rows in %,d files, %,d bytes, in %.2f s (%,d events/s)%n",
                result.events(), rows(result, "customers"), rows(result, "orders"), rows(result, "sessions"),
                rows(result, "emails"), rows(result, "tickets"), rows(result, "closures"), result.defectTotal(), result.files(),
                result.bytes(), seconds, Math.round(result.events() / seconds));
        w.printf("%s to %s; see %s%n", config.scenario() == null ? "no scenario"
                : "scenario " + config.scenario().scenarioName() + " from " + config.scenarioFrom(), out.resolve("raw"), manifest);
        return 0;
    }

    private static long rows(GenerationResult result, String source) {
        return result.rows().get(EventSource.of(source));
    }

    private GeneratorConfig config() {
        LocalDate first = date("--start", start);
        LocalDate scenarioFrom = from == null ? null : date("--from", from);
        try {
            Scenario chosen = scenario == null ? null : Scenario.of(scenario);
            return new GeneratorConfig(customers, days, seed, first, chosen, scenarioFrom, defectRate);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }

    private static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(CliException.USAGE, option + " '" + text + "' is not a date: expected YYYY-MM-DD");
        }
    }

    /** A new or existing directory without raw/, so generated files never mix with earlier ones. */
    static void checkOut(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CliException(CliException.USAGE, "--out " + out + " is a file: expected a directory");
        }
        if (Files.exists(out.resolve("raw"))) {
            throw new CliException(CliException.USAGE, "--out " + out + " already holds raw/: expected a new or empty directory, "
                    + "so generated files never mix with others");
        }
    }
}
