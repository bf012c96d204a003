package dev.churnops.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churnops.core.json.Json;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code churnops bench score | train | generate}: benchmarks anyone can rerun, in-process, printing JSON with
 * {@code --json} or a short table. Not part of the tests' timing: the figures depend on the machine.
 */
@Command(name = "bench", description = "Measure scoring speed, training time and generation speed, as JSON (--json) or a short table.",
        subcommands = {BenchScoreCommand.class, BenchTrainCommand.class, BenchGenerateCommand.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        throw new CliException(CliException.USAGE, "bench needs what to measure: churnops bench score --model MODEL, "
                + "or churnops bench train [--data CSV …], or churnops bench generate");
    }

    /** One JSON object, keys in the order given (the contract's keys first), indented, then a newline. */
    static void printJson(PrintWriter out, Map<String, Object> figures) {
        try {
            out.println(Json.mapper().writer().without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(figures));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark figures as JSON", e);
        }
        out.flush();
    }
}
