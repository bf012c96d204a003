package dev.churnops.core.pipeline;

import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DataException;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.validation.ExpectationSuite;
import dev.churnops.core.validation.Profiler;
import dev.churnops.core.validation.Quarantine;
import dev.churnops.core.validation.RejectedRecord;
import dev.churnops.core.validation.ValidationResult;
import dev.churnops.core.validation.Validator;
import java.util.List;
import java.util.Objects;

/**
 * Use case: validate a raw file that arrived under {@code raw/<source>/dt=…/}. Every row ends up in
 * the validated file or in quarantine with its line number and reasons, never dropped. The
 * dataset spec comes from {@code config/datasets/<source>.json}; a saved expectation suite at
 * {@code config/datasets/<source>.expectations.json} is applied when present, otherwise one is
 * profiled from this data and saved for the user to edit.
 */
public final class ValidateData {

    /** Validate the object at {@code rawKey} for execution {@code executionId}. */
    public record Command(String rawKey, String executionId) {
        public Command {
            Objects.requireNonNull(rawKey, "rawKey");
            Objects.requireNonNull(executionId, "executionId");
            BlobStore.checkKey(rawKey);
        }
    }

    /** Counts and keys of what was written; {@code usable} is false when the whole file is unusable. */
    public record Result(boolean usable, List<String> problems, String source, int rowsIn, int rowsValid,
                         int rowsQuarantined, String validatedKey, String manifestKey, String quarantineKey,
                         String reasonsKey, String reportKey, String expectationsKey, String rawSha256) {
    }

    private final BlobStore blobs;

    public ValidateData(BlobStore blobs) {
        this.blobs = blobs;
    }

    public Result run(Command command) {
        String source = BlobLayout.sourceOfRaw(command.rawKey());
        String file = BlobLayout.fileName(command.rawKey());
        byte[] raw = blobs.get(command.rawKey());
        String rawSha = Fingerprint.sha256(raw);
        DatasetSpec spec = DatasetSpec.fromJson(blobs.find(BlobLayout.datasetConfig(source)).orElseThrow(() ->
                new IllegalArgumentException("no dataset config for source '" + source + "' at "
                        + BlobLayout.datasetConfig(source) + ": expected the label column and positive value")));
        String reportKey = BlobLayout.validationReport(command.executionId());
        CsvTable table;
        try {
            table = CsvReader.read(raw, command.rawKey());
        } catch (DataException e) {
            // Not a readable table at all (empty, binary, bad header): there are no rows to count.
            blobs.put(reportKey, Json.write(java.util.Map.of("source", command.rawKey(), "usable", false,
                    "problems", List.of(e.getMessage()))));
            return new Result(false, List.of(e.getMessage()), source, 0, 0, 0, null, null, null, null, reportKey, null, rawSha);
        }
        TableSchema schema;
        try {
            schema = TypeInference.infer(table, spec);
        } catch (DataException e) {
            // A readable table that cannot be used (the label column is missing, say): every row is
            // still counted and quarantined with the reason, so rows in = valid + quarantined holds.
            List<RejectedRecord> all = table.records().stream()
                    .map(r -> new RejectedRecord(r.lineNumber(), r.raw(), List.of(e.getMessage()))).toList();
            String quarantineKey = BlobLayout.quarantineRejected(command.executionId(), file);
            String reasonsKey = BlobLayout.quarantineReasons(command.executionId(), file);
            blobs.put(quarantineKey, Quarantine.rejectedCsv(table, all));
            blobs.put(reasonsKey, Quarantine.reasonsCsv(all));
            blobs.put(reportKey, Json.write(java.util.Map.of("source", command.rawKey(), "usable", false,
                    "rows_in", all.size(), "rows_valid", 0, "rows_quarantined", all.size(), "problems", List.of(e.getMessage()))));
            return new Result(false, List.of(e.getMessage()), source, all.size(), 0, all.size(), null, null,
                    quarantineKey, reasonsKey, reportKey, null, rawSha);
        }
        String expectationsKey = BlobLayout.datasetExpectations(source);
        ExpectationSuite suite;
        if (blobs.exists(expectationsKey)) {
            suite = ExpectationSuite.fromJson(blobs.get(expectationsKey));
            // A saved suite fixes the column types: a file with more text in a numeric column must
            // have those rows quarantined, not the column silently re-typed as categorical.
            schema = suite.schema(spec);
        } else {
            suite = Profiler.profile(table, spec, schema);
            expectationsKey = BlobLayout.profiledExpectations(source, command.executionId());
            blobs.put(expectationsKey, suite.toJson());
        }
        ValidationResult result = Validator.validate(table, spec, schema, suite);
        blobs.put(reportKey, Json.write(result.report()));

        String quarantineKey = null;
        String reasonsKey = null;
        if (!result.rejected().isEmpty()) {
            quarantineKey = BlobLayout.quarantineRejected(command.executionId(), file);
            reasonsKey = BlobLayout.quarantineReasons(command.executionId(), file);
            blobs.put(quarantineKey, Quarantine.rejectedCsv(table, result.rejected()));
            blobs.put(reasonsKey, Quarantine.reasonsCsv(result.rejected()));
        }
        int rowsIn = result.report().rowsIn();
        if (!result.report().usable()) {
            return new Result(false, result.report().problems(), source, rowsIn, result.valid().size(),
                    result.rejected().size(), null, null, quarantineKey, reasonsKey, reportKey, expectationsKey, rawSha);
        }
        LabeledTable valid = LabeledTable.of(table, schema, spec, result.valid());
        String validatedKey = BlobLayout.validated(source, BlobLayout.partitionOfRaw(command.rawKey()), file);
        blobs.put(validatedKey, valid.toCsv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        DatasetManifest manifest = new DatasetManifest(DatasetManifest.specAsMap(DatasetManifest.pinned(spec, schema)),
                command.rawKey(), rawSha, rowsIn, result.valid().size(), result.rejected().size());
        String manifestKey = BlobLayout.manifestOf(validatedKey);
        blobs.put(manifestKey, Json.write(manifest));
        return new Result(true, List.of(), source, rowsIn, result.valid().size(), result.rejected().size(),
                validatedKey, manifestKey, quarantineKey, reasonsKey, reportKey, expectationsKey, rawSha);
    }
}
