package dev.churnops.core.pipeline;

import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import java.util.List;

/**
 * The files of a training set, laid out as SageMaker channels: {@code train/data.csv},
 * {@code validation/data.csv}, {@code test/data.csv} and {@code config/dataset.json} (the pinned
 * dataset spec). Reading a split back goes through the same CSV reader and spec as validation did.
 */
public final class TrainingSetFiles {

    public static final String DATA_FILE = "data.csv";
    public static final String SPEC_FILE = "dataset.json";
    public static final List<String> CHANNELS = List.of("train", "validation", "test");

    private TrainingSetFiles() {
    }

    public static String channelKey(String prefix, String channel) {
        return prefix + channel + "/" + DATA_FILE;
    }

    public static String specKey(String prefix) {
        return prefix + "config/" + SPEC_FILE;
    }

    /** Reads a split written by {@link LabeledTable#toCsv()} with its pinned spec. */
    public static LabeledTable read(byte[] csv, DatasetSpec spec, String source) {
        CsvTable table = CsvReader.read(csv, source);
        TableSchema schema = TypeInference.infer(table, spec);
        List<dev.churnops.core.data.CsvRecord> records = table.records();
        for (dev.churnops.core.data.CsvRecord r : records) {
            if (r.parseError() != null) {
                throw new IllegalArgumentException(source + " line " + r.lineNumber() + ": " + r.parseError()
                        + " (a training split must be the validated output)");
            }
        }
        return LabeledTable.of(table, schema, spec, records);
    }
}
