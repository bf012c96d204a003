package dev.churnops.local.serve;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.DatasetManifest;
import dev.churnops.core.pipeline.TrainingSetFiles;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.FeatureLookup;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stand-in for the online feature store: the feature values of every customer in the
 * newest validated file of one source ({@code validated/<source>/dt=…/<file>}, read with the spec
 * pinned in its manifest, exactly as training read it), loaded once into memory. Values are typed
 * as a scoring request carries them: NUMERIC as {@link Double} (null where missing), BOOLEAN as
 * {@link Boolean}, CATEGORICAL as {@link String}; the label is not among them. Immutable after
 * loading, so any number of requests may read it at once.
 */
public final class ValidatedTableLookup implements FeatureLookup {

    private final String validatedKey;
    private final Map<String, Map<String, Object>> byCustomer;

    private ValidatedTableLookup(String validatedKey, Map<String, Map<String, Object>> byCustomer) {
        this.validatedKey = validatedKey;
        this.byCustomer = byCustomer;
    }

    /**
     * The source a model's name implies: {@code churn} (the built-in table) reads {@code customers},
     * {@code churn-<source>} reads {@code <source>}; any other name implies none.
     */
    public static Optional<String> impliedSource(String modelName) {
        if (modelName.equals("churn")) {
            return Optional.of(DatasetSpec.DEFAULT_NAME);
        }
        if (modelName.startsWith("churn-") && modelName.length() > "churn-".length()) {
            return Optional.of(modelName.substring("churn-".length()));
        }
        return Optional.empty();
    }

    /**
     * Loads the newest validated file of {@code source}; empty when the source has none.
     *
     * @throws IllegalArgumentException when the file has no customer id column to look up by
     */
    public static Optional<ValidatedTableLookup> load(BlobStore blobs, String source) {
        return newest(blobs, source).map(file -> file.read(blobs));
    }

    /**
     * The newest validated file of {@code source} and the spec it was read with, without reading
     * the file itself; empty when the source has none. Cheap: a listing and the manifest.
     *
     * @throws IllegalArgumentException when the file has no customer id column to look up by
     */
    public static Optional<NewestFile> newest(BlobStore blobs, String source) {
        Optional<String> newest = BlobLayout.newestValidated(blobs, source);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        String key = newest.get();
        DatasetManifest manifest = Json.read(blobs.get(BlobLayout.manifestOf(key)), DatasetManifest.class,
                "manifest of " + key);
        DatasetSpec spec = manifest.datasetSpec();
        if (!spec.hasIdColumn()) {
            throw new IllegalArgumentException(key + " has no customer id column (its dataset spec names none), so "
                    + "customers cannot be looked up in it; train with --id COLUMN");
        }
        return Optional.of(new NewestFile(key, spec));
    }

    /** A validated file found by {@link #newest}, not read yet. */
    public record NewestFile(String key, DatasetSpec spec) {

        /** Reads and indexes the file: the costly part, seconds for millions of customers. */
        public ValidatedTableLookup read(BlobStore blobs) {
            LabeledTable table = TrainingSetFiles.read(blobs.get(key), spec, key);
            return new ValidatedTableLookup(key, index(table));
        }
    }

    private static Map<String, Map<String, Object>> index(LabeledTable table) {
        List<String> features = table.featureNames();
        int columns = features.size();
        Object[][] values = new Object[columns][];
        for (int f = 0; f < columns; f++) {
            String name = features.get(f);
            ColumnType type = table.featureType(name);
            if (type == ColumnType.NUMERIC) {
                double[] numbers = table.numeric(name);
                Object[] column = new Object[numbers.length];
                for (int row = 0; row < numbers.length; row++) {
                    column[row] = Double.isNaN(numbers[row]) ? null : numbers[row];
                }
                values[f] = column;
            } else if (type == ColumnType.BOOLEAN) {
                String[] texts = table.categorical(name);
                Object[] column = new Object[texts.length];
                for (int row = 0; row < texts.length; row++) {
                    column[row] = texts[row] == null ? null : Boolean.valueOf(texts[row]);
                }
                values[f] = column;
            } else {
                values[f] = table.categorical(name);
            }
        }
        String[] ids = table.ids();
        Map<String, Map<String, Object>> byCustomer = new HashMap<>((int) (ids.length / 0.75f) + 1);
        int capacity = (int) (columns / 0.75f) + 1;
        for (int row = 0; row < ids.length; row++) {
            Map<String, Object> customer = new LinkedHashMap<>(capacity);
            for (int f = 0; f < columns; f++) {
                customer.put(features.get(f), values[f][row]);
            }
            byCustomer.put(ids[row], Collections.unmodifiableMap(customer));
        }
        return byCustomer;
    }

    @Override
    public Optional<Map<String, Object>> latest(String customerId) {
        return Optional.ofNullable(byCustomer.get(customerId));
    }

    /** The validated file the values came from. */
    public String validatedKey() {
        return validatedKey;
    }

    /** Customers known. */
    public int size() {
        return byCustomer.size();
    }

    /** The ids of the customers known, in no particular order. */
    java.util.Set<String> customerIds() {
        return Collections.unmodifiableSet(byCustomer.keySet());
    }
}
