package dev.churnops.local.cli;

import dev.churnops.local.bench.GenerateBenchmark;
import dev.churnops.local.generate.GeneratorConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churnops bench generate}: times whole runs of the shop generator into temporary
 * directories and prints events per second for each run and their median.
 */
@Command(name = "generate", description = "Time the shop event generator: events/s per run and the median. About 10 s a run "
        + "with the defaults on 2 cores.")
final class BenchGenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "20000", description = "Customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--days", paramLabel = "D", defaultValue = "365", description = "Days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "3", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the available processors).")
    Integer threads;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (runs < 1 || runs > 100) {
            throw new CliException(CliException.USAGE, "--runs " + runs + ": expected a whole number from 1 to 100");
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1 || workers > 64) {
            throw new CliException(CliException.USAGE, "--threads " + workers + ": expected a whole number from 1 to 64");
        }
        GeneratorConfig config;
        try {
            config = GeneratorConfig.of(customers, days, seed);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        int[] n = {0};
        GenerateBenchmark.Result result = GenerateBenchmark.measure(config, runs, workers, run -> {
            if (!json) {
                out.printf(Locale.ROOT, "run %d  %,d events  %,d bytes  %.2f s  %,d events/s  (%.2f s of CPU)%n", ++n[0],
                        run.events(), run.bytes(), run.seconds(), Math.round(run.eventsPerSecond()), run.cpuSeconds());
                out.flush();
            }
        });
        if (json) {
            BenchCommand.printJson(out, result.asJson());
        } else {
            out.printf(Locale.ROOT, "median %,d events/s over %d runs (%,d customers x %d days, %d threads, files written to a "
                            + "temporary directory; %s, %d cores)%n", Math.round(result.medianEventsPerSecond()), runs, customers, days,
                    workers, System.getProperty("java.vm.name") + " " + Runtime.version(), Runtime.getRuntime().availableProcessors());
        }
        return 0;
    }
}
