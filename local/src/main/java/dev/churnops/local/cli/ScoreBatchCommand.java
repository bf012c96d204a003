package dev.churnops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.batch.ListScoringPartitions;
import dev.churnops.core.batch.MissingColumnException;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.features.PointInTimeTrainingSet;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.port.BlobStore;
import dev.churnops.handlers.FeatureStores;
import dev.churnops.handlers.Services;
import dev.churnops.local.asl.Execution;
import dev.churnops.local.runtime.LocalRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churnops score-batch}: runs the batch-scoring state machine, exactly as the schedule runs it
 * on AWS, over the newest validated table of a source (or a new table given with {@code --data},
 * ingested first through the ingestion state machine), or over a feature view's customers as of a
 * day (the default in a home the shop's events feed), with the champion model; prints
 * rows in, scored and rejected, the customers per risk segment and where the scores are.
 */
@Command(name = "score-batch", description = "Score every customer of a validated table or of a feature view with the champion "
        + "model, in partitions.")
final class ScoreBatchCommand implements Callable<Integer> {

    /** Task errors that mean the input or the arguments are wrong, not the code: exit code 2. */
    private static final Set<String> USER_ERRORS = Set.of(IllegalArgumentException.class.getName(),
            MissingColumnException.class.getName(), BlobStore.MissingBlobException.class.getName());

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--source", description = "Source whose newest validated table is scored (default: customers, "
            + "or from the --data file name).")
    String source;

    @Option(names = "--data", paramLabel = "CSV", description = "A new table of the source to ingest first and score; it is "
            + "validated with the source's dataset config (saved by `churnops run`) or --dataset-config.")
    Path data;

    @Option(names = "--dataset-config", paramLabel = "JSON", description = "Dataset config for --data (label_column, "
            + "positive_label, id_column, types, …); saved as the source's config.")
    Path datasetConfig;

    @Option(names = "--feature-view", paramLabel = "VIEW", description = "Score the customers of this feature view as of "
            + "--date (its newest materialized day at or before it), instead of a validated table (default: "
            + FeatureStores.DEFAULT_VIEW + " when the home has its offline features and neither --source nor --data is given).")
    String featureView;

    @Option(names = "--activity-days", paramLabel = "N", description = "With a feature view: score customers with an order "
            + "or a session in the last N days (default: the training sets' " + PointInTimeTrainingSet.DEFAULT_ACTIVITY_DAYS + ").")
    Integer activityDays;

    @Option(names = "--model", description = "Registry model whose champion scores (default: churn for the source "
            + "customers, churn-<source> otherwise, as `churnops run` names them).")
    String model;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day the scores are for, their folder "
            + "under scores/ (default: today, UTC).")
    String date;

    @Option(names = "--partition-rows", paramLabel = "N", defaultValue = "" + ListScoringPartitions.DEFAULT_PARTITION_ROWS,
            description = "Rows per partition (default: ${DEFAULT-VALUE}); partitions are scored 4 at a time.")
    int partitionRows;

    @Override
    public Integer call() {
        if (partitionRows < 1) {
            throw new CliException(CliException.USAGE, "--partition-rows " + partitionRows + " must be at least 1");
        }
        if (datasetConfig != null && data == null) {
            throw new CliException(CliException.USAGE, "--dataset-config describes a --data file; give --data too");
        }
        if (featureView != null && (source != null || data != null)) {
            throw new CliException(CliException.USAGE, "--feature-view scores a feature view's customers; --source and --data"
                    + " a validated table: give one or the other");
        }
        if (activityDays != null && activityDays < 1) {
            throw new CliException(CliException.USAGE, "--activity-days " + activityDays + " must be at least 1");
        }
        LocalDate day = date == null ? null : parseDate(date);
        String src = source != null ? RunCommand.checkSource(source)
                : data != null ? RunCommand.slug(data.getFileName().toString()) : "customers";
        String modelName = model != null ? model : RunCommand.defaultModelName(src);
        Path homeDir = home.home();
        Services services = home.services(System.err);
        LocalRuntime runtime = new LocalRuntime(homeDir, services, null);
        // A home the shop's events feed scores its customers from the feature store, as serve answers them.
        String view = featureView != null ? featureView : source == null && data == null
                && !BlobLayout.offlineFeatureDays(services.blobs(), FeatureStores.DEFAULT_VIEW).isEmpty()
                ? FeatureStores.DEFAULT_VIEW : null;
        if (view == null && activityDays != null) {
            throw new CliException(CliException.USAGE, "--activity-days applies to a feature view's customers; this run scores"
                    + " a validated table");
        }

        ObjectNode input = JsonNodeFactory.instance.objectNode();
        if (view != null) {
            input.put("featureView", view);
            if (activityDays != null) {
                input.put("activityDays", activityDays);
            }
        } else {
            input.put("source", src);
        }
        input.put("modelName", modelName);
        input.put("partitionRows", partitionRows);
        if (day != null) {
            input.put("date", day.toString());
        }
        if (data != null) {
            input.put("validatedKey", ingest(services, runtime, src));
        }
        LocalRuntime.Run run = runtime.start("batch-scoring", input);
        Execution execution = run.execution();
        if (!execution.succeeded()) {
            throw RunCommand.failed("batch scoring", run, USER_ERRORS);
        }
        print(spec.commandLine().getOut(), execution.output(), homeDir);
        return 0;
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(CliException.USAGE, "--date '" + text + "' is not a date: expected YYYY-MM-DD");
        }
    }

    /** Puts the --data file under raw/ and runs the ingestion state machine on it, as `run` does; returns the validated key. */
    private String ingest(Services services, LocalRuntime runtime, String src) {
        String configKey = BlobLayout.datasetConfig(src);
        if (datasetConfig != null) {
            DatasetSpec given;
            try {
                given = DatasetSpec.fromJson(RunCommand.readUserFile(datasetConfig, "dataset config"));
            } catch (IllegalArgumentException e) {
                throw new CliException(CliException.USAGE, "dataset config '" + datasetConfig + "': " + e.getMessage());
            }
            services.blobs().put(configKey, given.toJson());
        } else if (!services.blobs().exists(configKey)) {
            throw new CliException(CliException.USAGE, "source '" + src + "' has no dataset config (" + configKey
                    + "): train on a table of it first (churnops run --data …) or give --dataset-config FILE");
        }
        byte[] content = RunCommand.readUserFile(data, "data file");
        String fileName = data.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        String rawKey = BlobLayout.raw(src, LocalDate.ofInstant(services.clock().instant(), ZoneOffset.UTC), fileName);
        services.blobs().put(rawKey, content);
        LocalRuntime.Run ingestion = runtime.start("ingestion",
                RunCommand.s3ObjectCreated(rawKey, content.length, services.clock().instant()));
        Execution ingested = ingestion.execution();
        if (!ingested.succeeded()) {
            if ("DataUnusable".equals(ingested.error())) {
                throw new CliException(CliException.USAGE, "data file '" + data + "' is unusable: "
                        + RunCommand.problems(ingested.cause()));
            }
            throw new CliException(CliException.INTERNAL, "ingestion failed with " + ingested.error() + ": "
                    + ingested.cause() + " (history: " + ingestion.history() + ")");
        }
        JsonNode out = ingested.output();
        spec.commandLine().getOut().printf(Locale.ROOT, "ingested   %d in, %d valid, %d quarantined%n",
                out.path("rowsIn").asLong(), out.path("rowsValid").asLong(), out.path("rowsQuarantined").asLong());
        return out.path("validatedKey").asText();
    }

    private static void print(PrintWriter out, JsonNode result, Path home) {
        JsonNode listing = result.path("listing");
        JsonNode summary = result.path("summary");
        long scored = summary.path("scored").asLong();
        long rejected = summary.path("rejected").asLong();
        out.printf(Locale.ROOT, "rows       %d in, %d scored, %d rejected (%s)%n", summary.path("rowsIn").asLong(), scored,
                rejected, listing.path("validatedKey").asText());
        out.printf(Locale.ROOT, "model      %s v%d (champion when the run started)%n", listing.path("modelName").asText(),
                listing.path("modelVersion").asInt());
        StringBuilder segments = new StringBuilder();
        for (String segment : new String[] {"high", "medium", "low"}) {
            long n = summary.path("segments").path(segment).asLong();
            segments.append(segments.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %d (%.1f%%)", segment, n,
                    scored == 0 ? 0.0 : 100.0 * n / scored));
        }
        out.printf(Locale.ROOT, "segments   %s%n", segments);
        Path prefix = home.resolve(summary.path("scoresPrefix").asText());
        JsonNode top = summary.path("top");
        out.printf(Locale.ROOT, "high risk  %d customers%s (%s)%n", summary.path("highRisk").asLong(),
                top.isEmpty() ? "" : String.format(Locale.ROOT, ", highest %s at %.4f", top.get(0).path("customerId").asText(),
                        top.get(0).path("probability").asDouble()), home.resolve(summary.path("highRiskKey").asText()));
        if (rejected > 0) {
            out.printf(Locale.ROOT, "rejected   %d rows, with reasons (%s)%n", rejected, prefix.resolve("rejected"));
        }
        out.printf(Locale.ROOT, "scores     %s (%d partitions of at most %d rows)%n", prefix, summary.path("partitions").asInt(),
                listing.path("partitionRows").asInt());
        out.printf(Locale.ROOT, "summary    %s%n", home.resolve(summary.path("summaryKey").asText()));
    }
}
