package dev.churnops.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.TableSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Written beside every validated file: the dataset spec with every column's type pinned (so later
 * steps read the file exactly as validation did), the SHA-256 of the raw input it came from, and
 * row counts.
 */
public record DatasetManifest(@JsonProperty("spec") Map<String, Object> spec,
                              @JsonProperty("raw_key") String rawKey,
                              @JsonProperty("raw_sha256") String rawSha256,
                              @JsonProperty("rows_in") int rowsIn,
                              @JsonProperty("rows_valid") int rowsValid,
                              @JsonProperty("rows_quarantined") int rowsQuarantined) {

    /** The spec with the schema's types pinned as overrides. */
    public static DatasetSpec pinned(DatasetSpec spec, TableSchema schema) {
        Map<String, ColumnType> types = new LinkedHashMap<>(spec.typeOverrides());
        schema.features().forEach(c -> types.put(c.name(), c.type()));
        return new DatasetSpec(spec.name(), spec.idColumn(), spec.labelColumn(), spec.positiveLabel(), types,
                spec.missingTokens(), spec.ignoredColumns());
    }

    public DatasetSpec datasetSpec() {
        return DatasetSpec.fromJson(dev.churnops.core.json.Json.write(spec));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> specAsMap(DatasetSpec spec) {
        return dev.churnops.core.json.Json.read(spec.toJson(), Map.class, "dataset spec");
    }
}
