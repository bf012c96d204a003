package dev.churnops.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-column statistics of the training data: what monitoring later compares new data against.
 * Numeric columns keep count, missing, mean, standard deviation, min, max and quantiles; categorical
 * and boolean columns keep their category counts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureBaseline(@JsonProperty("rows") int rows,
                              @JsonProperty("positive_rate") double positiveRate,
                              @JsonProperty("columns") List<ColumnStatistics> columns) {

    /** Statistics of one column; numeric or categorical fields are null when they do not apply. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnStatistics(@JsonProperty("name") String name,
                                   @JsonProperty("type") ColumnType type,
                                   @JsonProperty("count") int count,
                                   @JsonProperty("missing") int missing,
                                   @JsonProperty("mean") Double mean,
                                   @JsonProperty("std") Double std,
                                   @JsonProperty("min") Double min,
                                   @JsonProperty("max") Double max,
                                   @JsonProperty("quantiles") Map<String, Double> quantiles,
                                   @JsonProperty("categories") Map<String, Integer> categories) {
    }

    private static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

    public static FeatureBaseline of(LabeledTable table) {
        List<ColumnStatistics> columns = new ArrayList<>();
        for (String name : table.featureNames()) {
            ColumnType type = table.featureType(name);
            columns.add(type == ColumnType.NUMERIC ? numeric(name, table.numeric(name)) : categorical(name, type, table.categorical(name)));
        }
        int positives = 0;
        for (boolean b : table.labels()) {
            positives += b ? 1 : 0;
        }
        return new FeatureBaseline(table.size(), table.size() == 0 ? 0 : (double) positives / table.size(), columns);
    }

    private static ColumnStatistics numeric(String name, double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int missing = values.length - present.length;
        if (present.length == 0) {
            return new ColumnStatistics(name, ColumnType.NUMERIC, values.length, missing, null, null, null, null, null, null);
        }
        double mean = Arrays.stream(present).sum() / present.length;
        double var = Arrays.stream(present).map(v -> (v - mean) * (v - mean)).sum() / present.length;
        Map<String, Double> q = new TreeMap<>();
        for (double p : QUANTILES) {
            // Nearest-rank quantile: always an observed value, simple to reproduce elsewhere.
            int rank = (int) Math.ceil(p * present.length) - 1;
            q.put(String.format(java.util.Locale.ROOT, "p%02d", Math.round(p * 100)), present[Math.max(0, rank)]);
        }
        return new ColumnStatistics(name, ColumnType.NUMERIC, values.length, missing, mean, Math.sqrt(var),
                present[0], present[present.length - 1], q, null);
    }

    private static ColumnStatistics categorical(String name, ColumnType type, String[] values) {
        Map<String, Integer> counts = new TreeMap<>();
        int missing = 0;
        for (String v : values) {
            if (v == null) {
                missing++;
            } else {
                counts.merge(v, 1, Integer::sum);
            }
        }
        return new ColumnStatistics(name, type, values.length, missing, null, null, null, null, null, counts);
    }
}
