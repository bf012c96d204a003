package dev.churnops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.PrepareMonitoringWindow;
import dev.churnops.core.pipeline.TrainingRecipe;
import dev.churnops.core.port.BlobStore;
import dev.churnops.handlers.Services;
import dev.churnops.local.asl.Execution;
import dev.churnops.local.runtime.LocalRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churnops monitor}: runs the monitoring state machine, as the schedule runs it on AWS, on a
 * window of current data: a CSV of customers, a directory of captured scores (what
 * {@code churnops serve} writes under {@code capture/<model>/}), or a feature view of the home's
 * feature store as of {@code --date} (what {@code churnops run} materialized for a generated shop;
 * the day defaults to the newest the view has). The inputs are copied under
 * {@code monitoring/input/<stamp>/} in the home, so the run reads them through the blob store as it
 * would read S3. Writes {@code violations.json} and {@code monitoring-summary.json} (and the HTML
 * reports) to {@code --out}; exits 0 whether or not anything drifted, and non-zero only when the
 * run could not be made.
 */
@Command(name = "monitor", description = "Compare current data with the model's training baseline: drift, performance, "
        + "business KPIs and anomalies; alert and maybe retrain.")
final class MonitorCommand implements Callable<Integer> {

    /** Task errors that mean the input or the arguments are wrong, not the code: exit code 2. */
    private static final Set<String> USER_ERRORS = Set.of(IllegalArgumentException.class.getName(),
            BlobStore.MissingBlobException.class.getName(), "dev.churnops.core.data.DataException");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--current", paramLabel = "CSV|DIR",
            description = "The current data: a CSV of customers (scored here by the model), or a directory of captured "
                    + "scores (*.jsonl, e.g. HOME/capture/churn). Give this or --feature-view.")
    Path current;

    @Option(names = "--feature-view", paramLabel = "NAME", description = "The current data is this feature view of the "
            + "home's feature store (e.g. customer_behaviour) as of the end of --date: its active customers, as a training"
            + " cutoff would take them, scored here by the model. Give this or --current.")
    String featureView;

    @Option(names = "--labels", paramLabel = "CSV", description = "Labels that arrived: customer_id,churned "
            + "(Yes/No, true/false or 1/0). A CSV --current holding the model's label column needs none.")
    Path labels;

    @Option(names = "--model", defaultValue = "champion", paramLabel = "ALIAS|VERSION",
            description = "The model version to monitor (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--model-name", paramLabel = "NAME", description = "The registered model (default: churn, the model"
            + " churnops run trains for a table or a generated shop).")
    String modelName;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where violations.json, monitoring-summary.json and the reports are written.")
    Path out;

    @Option(names = "--config", paramLabel = "JSON", description = "Monitoring config: an object with any of drift, "
            + "performance, business, anomalies, alerts and retraining, each that check's settings.")
    Path config;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day monitored (default: today, UTC; with "
            + "--feature-view, the newest day the view has features for).")
    String date;

    @Option(names = "--id-column", paramLabel = "NAME", description = "The customer id column of a CSV --current "
            + "(default: the first of customer_id, customerID, customerId, CustomerID, id).")
    String idColumn;

    @Option(names = "--no-retrain", description = "Decide and report, but never start training.")
    boolean noRetrain;

    @Override
    public Integer call() {
        if ((current == null) == (featureView == null)) {
            throw new CliException(CliException.USAGE, "--current and --feature-view each name the current data: give"
                    + " exactly one of them");
        }
        if (featureView != null && idColumn != null) {
            throw new CliException(CliException.USAGE, "--id-column names a column of a CSV --current; a feature view's"
                    + " rows are keyed by its entity");
        }
        if (current != null && !Files.exists(current)) {
            throw new CliException(CliException.USAGE, "--current " + current + " does not exist: give a CSV file or a "
                    + "directory of captured scores");
        }
        if (labels != null && !Files.isRegularFile(labels)) {
            throw new CliException(CliException.USAGE, "--labels " + labels + " is not a file");
        }
        if (date != null) {
            try {
                LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new CliException(CliException.USAGE, "--date '" + date + "' is not a date: expected YYYY-MM-DD");
            }
        }
        Path homeDir = home.home();
        Services services = home.services(System.err);
        String prefix = "monitoring/input/" + STAMP.format(services.clock().instant()) + "/";
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        String name = modelName != null ? modelName : featureView != null ? RunCommand.SHOP_MODEL_NAME : null;
        if (name != null) {
            input.put("modelName", name);
        }
        input.put("model", model);
        input.put("trigger", "manual");
        if (date == null && featureView != null) {
            date = newestFeatureDay(services.blobs());
        }
        if (date != null) {
            input.put("date", date);
        }
        if (idColumn != null) {
            input.put("idColumn", idColumn);
        }
        if (featureView != null) {
            input.put("featureView", featureView);
        } else {
            input.put("currentKey", copyCurrent(services.blobs(), prefix));
        }
        if (labels != null) {
            String key = prefix + "labels.csv";
            services.blobs().put(key, RunCommand.readUserFile(labels, "labels file"));
            input.put("labelsKey", key);
        }
        if (config != null) {
            JsonNode settings = Json.tree(RunCommand.readUserFile(config, "monitoring config"), config.toString());
            if (!settings.isObject()) {
                throw new CliException(CliException.USAGE, "--config " + config + " must hold a JSON object");
            }
            settings.properties().forEach(e -> {
                if (!Set.of("drift", "performance", "business", "anomalies", "alerts", "retraining", "api", "windowDays",
                        "training").contains(e.getKey())) {
                    throw new CliException(CliException.USAGE, "--config " + config + ": unknown key '" + e.getKey()
                            + "'; expected drift, performance, business, anomalies, alerts, retraining, api, windowDays or training");
                }
                input.set(e.getKey(), e.getValue());
            });
        }
        input.put("allowRetraining", !noRetrain);
        // A retraining repeats the monitored version's recipe (DecideMonitoring reads it from the run
        // record); a feature view is watched with the activity window its training sets were cut with.
        if (featureView != null && !input.has("activityDays")
                && trainingRecipe(services, name).get("activityDays") instanceof Number days) {
            input.put("activityDays", days.intValue());
        }

        LocalRuntime runtime = new LocalRuntime(homeDir, services, null);
        LocalRuntime.Run run = runtime.start("monitoring", input);
        Execution execution = run.execution();
        if (!execution.succeeded()) {
            throw RunCommand.failed("monitoring", run, USER_ERRORS);
        }
        JsonNode result = execution.output();
        writeOutputs(services.blobs(), result);
        print(spec.commandLine().getOut(), result, run);
        return 0;
    }

    /** How the monitored version was trained (its run record's configuration); empty when unknown. */
    private Map<String, Object> trainingRecipe(Services services, String modelName) {
        String name = services.settings().modelName(modelName);
        try {
            int version = PrepareMonitoringWindow.resolve(services.registry(), name, model).version();
            return TrainingRecipe.of(services.registry(), services.blobs(), name, version);
        } catch (IllegalArgumentException e) {
            // The run itself reports an unknown model or version with its full message.
            return Map.of();
        }
    }

    /** The newest day --feature-view has features for in the offline store, as YYYY-MM-DD. */
    private String newestFeatureDay(BlobStore blobs) {
        List<LocalDate> days = BlobLayout.offlineFeatureDays(blobs, featureView);
        if (days.isEmpty()) {
            throw new CliException(CliException.USAGE, "--feature-view " + featureView + " has no features under "
                    + BlobLayout.offlineFeatures(featureView) + " in the home: run churnops run (which materializes them)"
                    + " first, or check the view's name");
        }
        return days.get(days.size() - 1).toString();
    }

    /** Puts the current data in the blob store; returns the key of a CSV or the prefix of captured files. */
    private String copyCurrent(BlobStore blobs, String prefix) {
        if (Files.isRegularFile(current)) {
            String name = current.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            String key = prefix + (name.endsWith(".csv") ? name : name + ".csv");
            blobs.put(key, RunCommand.readUserFile(current, "current data"));
            return key;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(current)) {
            walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --current " + current, e);
        }
        if (files.isEmpty()) {
            throw new CliException(CliException.USAGE, "--current " + current + " holds no captured scores (*.jsonl)");
        }
        String base = prefix + "capture/";
        for (Path file : files) {
            String relative = current.relativize(file).toString().replace('\\', '/');
            blobs.put(base + relative, RunCommand.readUserFile(file, "captured scores"));
        }
        return base;
    }

    private void writeOutputs(BlobStore blobs, JsonNode result) {
        try {
            Files.createDirectories(out);
            copy(blobs, result.path("violations_key").asText(null), out.resolve("violations.json"));
            copy(blobs, result.path("summary_key").asText(null), out.resolve("monitoring-summary.json"));
            copy(blobs, result.path("report_key").asText(null), out.resolve("report.html"));
            copy(blobs, result.path("drift_html_key").asText(null), out.resolve("drift.html"));
        } catch (IOException e) {
            throw new CliException(CliException.INTERNAL, "cannot write to --out " + out + ": " + e.getMessage());
        }
    }

    private static void copy(BlobStore blobs, String key, Path target) throws IOException {
        if (key != null && !key.isEmpty()) {
            Files.write(target, blobs.get(key));
        }
    }

    private void print(PrintWriter w, JsonNode result, LocalRuntime.Run run) {
        JsonNode summary = result;
        JsonNode drifted = summary.path("drifted_features");
        w.printf(Locale.ROOT, "drift      %d feature(s) drifted, share %.3f%s%n", drifted.size(),
                summary.path("drift_share").asDouble(), drifted.isEmpty() ? "" : ": " + join(drifted, null));
        JsonNode alerts = summary.path("alerts");
        JsonNode findings = summary.path("findings");
        w.printf(Locale.ROOT, "findings   %d%s%n", findings.size(), findings.isEmpty() ? "" : ": " + join(findings, "title"));
        w.printf(Locale.ROOT, "alerts     %d%s%n", alerts.size(), alerts.isEmpty() ? "" : ": " + join(alerts, "subject"));
        w.printf(Locale.ROOT, "retrain    %s%s%n", result.path("retraining_started").asBoolean() ? "started" : "no",
                result.hasNonNull("training_execution") ? " (" + result.get("training_execution").asText() + ")" : "");
        w.printf(Locale.ROOT, "written    %s%n", out.toAbsolutePath().normalize());
        w.printf(Locale.ROOT, "execution  %s%n", run.directory());
    }

    private static String join(JsonNode array, String field) {
        List<String> items = new ArrayList<>();
        array.forEach(n -> items.add(field == null ? n.asText() : n.path(field).asText(n.toString())));
        return String.join(", ", items);
    }
}
