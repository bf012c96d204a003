package dev.churnops.core.pipeline;

import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DataException;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import dev.churnops.core.json.Json;
import dev.churnops.core.events.EventSource;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.quality.EventQualityReport;
import dev.churnops.core.quality.EventRule;
import dev.churnops.core.quality.EventValidation;
import dev.churnops.core.quality.EventValidator;
import dev.churnops.core.quality.KnownCustomers;
import dev.churnops.core.quality.VolumeCheck;
import dev.churnops.core.quality.VolumeHistory;
import dev.churnops.core.validation.ExpectationSuite;
import dev.churnops.core.validation.Profiler;
import dev.churnops.core.validation.Quarantine;
import dev.churnops.core.validation.RejectedRecord;
import dev.churnops.core.validation.ValidationResult;
import dev.churnops.core.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: validate a raw file that arrived under {@code raw/<source>/dt=…/}. Every row ends up in
 * the validated file or in quarantine with its line number and reasons, never dropped. The source
 * decides how the file is checked:
 * <ul>
 * <li>a source with a dataset config at {@code config/datasets/<source>.json} is a customer table:
 * a saved expectation suite at {@code config/datasets/<source>.expectations.json} is applied when
 * present, otherwise one is profiled from this data and saved for the user to edit. The config
 * wins over an event source of the same name, since someone chose to write it;</li>
 * <li>an {@link EventSource} is checked by the {@link EventValidator} against its columns, the
 * clock and the known customers, and its day's row count against the days before
 * ({@code quality/volumes/<source>.json});</li>
 * <li>any other source is unknown: its whole file is quarantined with that reason.</li>
 * </ul>
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

    /**
     * Counts and keys of what was written; {@code usable} is false when the whole file is unusable.
     * {@code rejectionsByReason} counts quarantined rows per rule (a customer table's row rules, or
     * an event file's {@link EventRule} keys); {@code volumeAnomalies} holds a sentence when an event
     * file's day is far from the days before it.
     */
    public record Result(boolean usable, List<String> problems, String source, int rowsIn, int rowsValid,
                         int rowsQuarantined, String validatedKey, String manifestKey, String quarantineKey,
                         String reasonsKey, String reportKey, String expectationsKey, String rawSha256,
                         Map<String, Integer> rejectionsByReason, List<String> volumeAnomalies) {

        public Result {
            problems = List.copyOf(problems);
            rejectionsByReason = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectionsByReason));
            volumeAnomalies = List.copyOf(volumeAnomalies);
        }
    }

    private final BlobStore blobs;
    private final EventValidator events;

    /**
     * @param blobs     where raw files are read and everything else is written
     * @param customers who has signed up, for event files; {@link KnownCustomers#NOBODY} quarantines
     *                  every event but signups, so pass it only where no customer state exists yet
     * @param clock     no event may be after its now
     */
    public ValidateData(BlobStore blobs, KnownCustomers customers, Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.events = new EventValidator(customers, clock);
    }

    public Result run(Command command) {
        String source = BlobLayout.sourceOfRaw(command.rawKey());
        String file = BlobLayout.fileName(command.rawKey());
        byte[] raw = blobs.get(command.rawKey());
        String rawSha = Fingerprint.sha256(raw);
        Optional<byte[]> config = blobs.find(BlobLayout.datasetConfig(source));
        if (config.isPresent()) {
            return runTable(command, source, file, raw, rawSha, DatasetSpec.fromJson(config.get()));
        }
        Optional<EventSource> eventSource = EventSource.find(source);
        if (eventSource.isPresent()) {
            return runEvents(command, eventSource.get(), file, raw, rawSha);
        }
        String reason = "unknown source '" + source + "': expected one of " + EventSource.names()
                + " or a dataset config at " + BlobLayout.datasetConfig(source);
        EventValidation all = EventValidator.rejectAll(source, file, raw, EventRule.UNKNOWN_SOURCE, reason);
        return writeEvents(command, null, file, all, rawSha, null);
    }

    private Result runEvents(Command command, EventSource source, String file, byte[] raw, String rawSha) {
        String partition = BlobLayout.partitionOfRaw(command.rawKey());
        LocalDate date;
        try {
            date = LocalDate.parse(partition.substring("dt=".length()));
        } catch (DateTimeParseException e) {
            String reason = "the partition '" + partition + "' of " + command.rawKey()
                    + " is not a date: expected dt=YYYY-MM-DD, the UTC date of the rows' event times";
            EventValidation all = EventValidator.rejectAll(source.sourceName(), file, raw, EventRule.UNUSABLE_FILE, reason);
            return writeEvents(command, source, file, all, rawSha, null);
        }
        EventValidation validation = events.validate(source, date, file, raw);
        VolumeCheck volume = null;
        if (validation.usable()) {
            String historyKey = BlobLayout.volumeHistory(source.sourceName());
            VolumeHistory history = blobs.find(historyKey).map(VolumeHistory::fromJson)
                    .orElse(VolumeHistory.empty(source.sourceName()))
                    .withCount(date, file, validation.rowsIn());
            blobs.put(historyKey, history.toJson());
            volume = VolumeCheck.of(history, date);
        }
        return writeEvents(command, source, file, validation, rawSha, volume);
    }

    private Result writeEvents(Command command, EventSource source, String file, EventValidation validation,
                               String rawSha, VolumeCheck volume) {
        String sourceName = BlobLayout.sourceOfRaw(command.rawKey());
        String partition = BlobLayout.partitionOfRaw(command.rawKey());
        String reportKey = BlobLayout.validationReport(command.executionId());
        blobs.put(reportKey, EventQualityReport.of(command.rawKey(), source == null ? null : source.sourceName(),
                partition, validation, volume).toJson());
        String quarantineKey = null;
        String reasonsKey = null;
        if (!validation.rejected().isEmpty()) {
            quarantineKey = BlobLayout.quarantineRejected(command.executionId(), file);
            reasonsKey = BlobLayout.quarantineReasons(command.executionId(), file);
            blobs.put(quarantineKey, validation.rejectedCsv());
            blobs.put(reasonsKey, validation.reasonsCsv());
        }
        String validatedKey = null;
        String manifestKey = null;
        if (validation.usable()) {
            validatedKey = BlobLayout.validated(sourceName, partition, file);
            blobs.put(validatedKey, validation.validCsv());
            manifestKey = BlobLayout.manifestOf(validatedKey);
            blobs.put(manifestKey, Json.write(new EventManifest(sourceName, partition, validation.headerLine(),
                    command.rawKey(), rawSha, validation.rowsIn(), validation.rowsValid(), validation.rowsQuarantined())));
        }
        List<String> anomalies = volume != null && volume.anomaly() ? List.of(volume.message()) : List.of();
        return new Result(validation.usable(), validation.problems(), sourceName, validation.rowsIn(),
                validation.rowsValid(), validation.rowsQuarantined(), validatedKey, manifestKey, quarantineKey, reasonsKey,
                reportKey, null, rawSha, validation.rejectionsByReason(), anomalies);
    }

    private Result runTable(Command command, String source, String file, byte[] raw, String rawSha, DatasetSpec spec) {
        String reportKey = BlobLayout.validationReport(command.executionId());
        CsvTable table;
        try {
            table = CsvReader.read(raw, command.rawKey());
        } catch (DataException e) {
            // Not a readable table at all (empty, binary, bad header): there are no rows to count.
            blobs.put(reportKey, Json.write(java.util.Map.of("source", command.rawKey(), "usable", false,
                    "problems", List.of(e.getMessage()))));
            return new Result(false, List.of(e.getMessage()), source, 0, 0, 0, null, null, null, null, reportKey, null, rawSha,
                    Map.of(), List.of());
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
                    quarantineKey, reasonsKey, reportKey, null, rawSha, Map.of(), List.of());
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
                    result.rejected().size(), null, null, quarantineKey, reasonsKey, reportKey, expectationsKey, rawSha,
                    result.report().rejectionsByRule(), List.of());
        }
        LabeledTable valid = LabeledTable.of(table, schema, spec, result.valid());
        String validatedKey = BlobLayout.validated(source, BlobLayout.partitionOfRaw(command.rawKey()), file);
        blobs.put(validatedKey, valid.toCsv().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        DatasetManifest manifest = new DatasetManifest(DatasetManifest.specAsMap(DatasetManifest.pinned(spec, schema)),
                command.rawKey(), rawSha, rowsIn, result.valid().size(), result.rejected().size());
        String manifestKey = BlobLayout.manifestOf(validatedKey);
        blobs.put(manifestKey, Json.write(manifest));
        return new Result(true, List.of(), source, rowsIn, result.valid().size(), result.rejected().size(),
                validatedKey, manifestKey, quarantineKey, reasonsKey, reportKey, expectationsKey, rawSha,
                result.report().rejectionsByRule(), List.of());
    }
}
