package dev.churnops.local.cli;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.DatasetSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags that describe a {@code --data} table, shared by every command that reads one
 * ({@code run}, {@code bench train}): label, positive value, id, type overrides, ignored columns
 * and a dataset config file the flags override.
 */
final class DatasetOptions {

    @Option(names = "--label", description = "Label column (required with --data unless --dataset-config gives it).")
    String label;

    @Option(names = "--positive", description = "Label value that means churn (required with --data unless --dataset-config gives it).")
    String positive;

    @Option(names = "--id", description = "Customer id column (optional; ids must be unique).")
    String id;

    @Option(names = "--type", paramLabel = "COLUMN=TYPE", description = "Override an inferred column type: numeric, categorical or boolean.")
    Map<String, String> types = new LinkedHashMap<>();

    @Option(names = "--ignore", paramLabel = "COLUMN", split = ",", description = "Columns that are not features.")
    List<String> ignored = List.of();

    @Option(names = "--dataset-config", paramLabel = "JSON", description = "Dataset config file (label_column, positive_label, id_column, types, …).")
    Path datasetConfig;

    /** Refuses these flags without {@code --data}: they describe a file, and the built-in table has its own spec. */
    void requireData() {
        if (label != null || positive != null || id != null || datasetConfig != null) {
            throw new CliException(CliException.USAGE, "--label, --positive, --id and --dataset-config describe a --data file; give --data too");
        }
    }

    /** The dataset spec from --dataset-config and the flags over it; named after {@code fileName} without a config. */
    DatasetSpec spec(String fileName) {
        DatasetSpec.Builder b;
        if (datasetConfig != null) {
            DatasetSpec fromFile;
            try {
                fromFile = DatasetSpec.fromJson(RunCommand.readUserFile(datasetConfig, "dataset config"));
            } catch (RuntimeException e) {
                throw new CliException(CliException.USAGE, "dataset config '" + datasetConfig + "': " + e.getMessage());
            }
            b = fromFile.toBuilder();
        } else {
            if (label == null || positive == null) {
                throw new CliException(CliException.USAGE, "--data needs --label COLUMN and --positive VALUE (or --dataset-config FILE)");
            }
            b = DatasetSpec.builder().name(RunCommand.slug(fileName));
        }
        if (label != null) {
            b.labelColumn(label);
        }
        if (positive != null) {
            b.positiveLabel(positive);
        }
        if (id != null) {
            b.idColumn(id);
        }
        try {
            types.forEach((column, type) -> b.type(column, ColumnType.parse(type)));
            if (!ignored.isEmpty()) {
                b.ignoredColumns(new LinkedHashSet<>(ignored));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }
}
