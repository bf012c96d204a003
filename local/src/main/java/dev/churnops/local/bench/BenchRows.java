package dev.churnops.local.bench;

import dev.churnops.core.batch.FeatureRows;
import dev.churnops.core.batch.MissingColumnException;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.FeatureBaseline;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.DatasetManifest;
import dev.churnops.core.pipeline.TrainingSetFiles;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.scoring.InputValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The customers a scoring benchmark scores, as the feature maps a scoring request carries: the
 * rows of a real validated table when the home holds one for the model, else rows drawn from the
 * model card's input signature and the training baseline (numbers between the training data's 1st
 * and 99th percentiles, categories and booleans at their training frequencies, missing values at
 * the training missing rate). Only rows that pass the model's input validator are kept, so every
 * timed call scores.
 *
 * @param rows     the customers, as a scoring request's {@code features}; nothing may change them
 * @param source   where they came from, for the report
 * @param skipped  rows of the source left out because the validator rejected them
 */
public record BenchRows(List<Map<String, Object>> rows, String source, int skipped) {

    /** Rows generated when the home has no table of the model's source. */
    public static final int GENERATED_ROWS = 4096;
    /** Seed of generated rows: the same model always gets the same rows. */
    public static final long GENERATED_SEED = 7;

    public BenchRows {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to score from " + source);
        }
        rows = List.copyOf(rows);
    }

    /**
     * The rows of the newest validated file of {@code source}, read with the spec pinned in its
     * manifest as training and batch scoring read it; empty when the source has no validated file,
     * when the file lacks a column the model reads, or when no row passes the validator.
     */
    public static Optional<BenchRows> fromValidated(BlobStore blobs, String source, ModelCard card) {
        Optional<String> newest = BlobLayout.newestValidated(blobs, source);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        String key = newest.get();
        Optional<byte[]> manifest = blobs.find(BlobLayout.manifestOf(key));
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        DatasetSpec spec = Json.read(manifest.get(), DatasetManifest.class, "manifest of " + key).datasetSpec();
        LabeledTable table = TrainingSetFiles.read(blobs.get(key), spec, key);
        FeatureRows features;
        try {
            features = FeatureRows.of(table, card.inputSignature(), key);
        } catch (MissingColumnException e) {
            // A table of other columns (another model under the same name): generated rows fit the model.
            return Optional.empty();
        }
        InputValidator validator = new InputValidator(card.inputSignature());
        List<Map<String, Object>> rows = new ArrayList<>(table.size());
        for (int r = 0; r < table.size(); r++) {
            Map<String, Object> row = features.row(r);
            if (validator.check(row, "features").isEmpty()) {
                rows.add(row);
            }
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(new BenchRows(rows, key, table.size() - rows.size()));
    }

    /** {@code n} customers drawn from the signature and the baseline with {@code seed}. */
    public static BenchRows generated(ModelCard card, FeatureBaseline baseline, int n, long seed) {
        Map<String, FeatureBaseline.ColumnStatistics> stats = new HashMap<>();
        if (baseline != null && baseline.columns() != null) {
            baseline.columns().forEach(c -> stats.put(c.name(), c));
        }
        SplittableRandom random = new SplittableRandom(seed);
        InputValidator validator = new InputValidator(card.inputSignature());
        List<Map<String, Object>> rows = new ArrayList<>(n);
        int skipped = 0;
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new HashMap<>();
            for (ModelCard.InputColumn column : card.inputSignature()) {
                row.put(column.name(), value(column, stats.get(column.name()), random));
            }
            if (validator.check(row, "features").isEmpty()) {
                rows.add(row);
            } else {
                skipped++;
            }
        }
        return new BenchRows(rows, "generated from the input signature of " + card.modelName() + " v" + card.version()
                + " and its training baseline (seed " + seed + ")", skipped);
    }

    private static Object value(ModelCard.InputColumn column, FeatureBaseline.ColumnStatistics stats, SplittableRandom random) {
        if (stats != null && stats.count() > 0 && random.nextDouble() < (double) stats.missing() / stats.count()) {
            return null;
        }
        if (column.type() == ColumnType.NUMERIC) {
            double low = 0;
            double high = 100;
            if (stats != null && stats.quantiles() != null && stats.quantiles().containsKey("p01")
                    && stats.quantiles().containsKey("p99")) {
                low = stats.quantiles().get("p01");
                high = stats.quantiles().get("p99");
            } else if (stats != null && stats.min() != null && stats.max() != null) {
                low = stats.min();
                high = stats.max();
            }
            return low + random.nextDouble() * (high - low);
        }
        Map<String, Integer> counts = stats == null || stats.categories() == null ? Map.of() : stats.categories();
        if (column.type() == ColumnType.BOOLEAN) {
            int yes = counts.getOrDefault("true", 0);
            int no = counts.getOrDefault("false", 0);
            return random.nextDouble() < (yes + no == 0 ? 0.5 : (double) yes / (yes + no));
        }
        List<String> categories = column.categories() != null ? column.categories() : List.copyOf(counts.keySet());
        if (categories.isEmpty()) {
            return null;
        }
        // At the training frequencies; a category the baseline never counted still gets a small weight.
        double[] cumulative = new double[categories.size()];
        double total = 0;
        for (int c = 0; c < categories.size(); c++) {
            total += Math.max(1, counts.getOrDefault(categories.get(c), 0));
            cumulative[c] = total;
        }
        double u = random.nextDouble() * total;
        for (int c = 0; c < cumulative.length; c++) {
            if (u < cumulative[c]) {
                return categories.get(c);
            }
        }
        return categories.get(categories.size() - 1);
    }
}
