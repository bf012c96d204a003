package dev.churnops.core.batch;

import dev.churnops.core.data.ColumnRole;
import dev.churnops.core.data.ColumnSchema;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.DatasetManifest;
import dev.churnops.core.port.BlobStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated customer file with its manifest, whose pinned spec says how to read it exactly as
 * validation did. Scoring reads only validated files: every row in them passed the data rules.
 */
record ValidatedFile(String key, byte[] content, DatasetManifest manifest, DatasetSpec spec) {

    static ValidatedFile read(BlobStore blobs, String key) {
        String manifestKey = BlobLayout.manifestOf(key);
        byte[] manifest = blobs.find(manifestKey).orElseThrow(() -> new IllegalArgumentException("'" + key
                + "' has no manifest at " + manifestKey + ": expected a file written by ingestion under validated/"));
        DatasetManifest m = Json.read(manifest, DatasetManifest.class, manifestKey);
        return new ValidatedFile(key, blobs.get(key), m, m.datasetSpec());
    }

    /**
     * The schema of (a slice of) this file as validation pinned it: the manifest's spec gives every
     * feature column its type, so no value needs to be looked at, which inference would do for
     * every cell. A column without a pinned type (not written by this version) falls back to inference.
     */
    TableSchema schema(CsvTable table) {
        List<ColumnSchema> columns = new ArrayList<>();
        for (String name : table.header()) {
            if (name.equals(spec.idColumn())) {
                columns.add(new ColumnSchema(name, ColumnType.CATEGORICAL, ColumnRole.ID));
            } else if (name.equals(spec.labelColumn())) {
                columns.add(new ColumnSchema(name, ColumnType.CATEGORICAL, ColumnRole.LABEL));
            } else if (spec.typeOverrides().containsKey(name)) {
                columns.add(new ColumnSchema(name, spec.typeOverrides().get(name),
                        spec.ignoredColumns().contains(name) ? ColumnRole.IGNORED : ColumnRole.FEATURE));
            } else {
                return TypeInference.infer(table, spec);
            }
        }
        return new TableSchema(columns);
    }

    /** The newest validated file of {@code source}: the last key in date-partition order. */
    static String newest(BlobStore blobs, String source) {
        return BlobLayout.newestValidated(blobs, source).orElseThrow(() -> new IllegalArgumentException(
                "no validated data for source '" + source + "' under " + BlobLayout.validatedPrefix(source)
                        + ": ingest a table of the source first"));
    }
}
