package dev.churnops.local.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churnops generate-table}: writes the built-in synthetic customer table at any size, for
 * benchmarks and demos. The same rows and seed always give the same bytes; like the built-in
 * table it ends with three rows carrying deliberate defects, which validation quarantines.
 */
@Command(name = "generate-table", description = "Write the built-in synthetic customer table, at any size, to a CSV file.")
final class GenerateTableCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "3000", description = "Customers (default: ${DEFAULT-VALUE}); three defective rows follow them.")
    int rows;

    @Option(names = "--seed", defaultValue = "7", description = "Seed (default: ${DEFAULT-VALUE}, the built-in table's).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the table.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (rows < 1) {
            throw new CliException(CliException.USAGE, "--rows " + rows + " must be at least 1");
        }
        Files.write(out, SyntheticCustomers.generate(rows, seed));
        spec.commandLine().getOut().printf("wrote %d customers and 3 defective rows to %s (label churned, positive yes, id customer_id)%n",
                rows, out);
        return 0;
    }
}
