package dev.churnops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.evaluation.ThresholdObjective;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.MersenneTwister;
import dev.churnops.core.model.SearchSpace;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.EvaluationRecord;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.handlers.FeatureStores;
import dev.churnops.handlers.Services;
import dev.churnops.local.generate.GeneratorConfig;
import dev.churnops.local.generate.Scenario;
import dev.churnops.local.asl.Execution;
import dev.churnops.local.runtime.LocalRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churnops run}: by default generates a shop's raw event files and ingests them day by day
 * (see {@link ShopRun}), then trains on point-in-time sets from the offline feature store; with
 * {@code --data} (or {@code --table}, the built-in synthetic table) it puts one customer table under
 * {@code raw/} instead. Either way each file goes through the ingestion state machine on the S3
 * event its arrival would send, then the training state machine runs, exactly as on AWS; prints a
 * summary and writes {@code <home>/summary.json}.
 */
@Command(name = "run", description = "Generate a shop's events (or take a customer table), ingest them into the feature"
        + " store, and train, evaluate, gate and register a churn model.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--data", paramLabel = "CSV", description = "Customer table (comma, semicolon or tab separated). "
            + "Default: a generated shop's event files, ingested day by day into the feature store.")
    Path data;

    @Option(names = "--table", description = "Train on the built-in synthetic customer table instead of the generated shop.")
    boolean table;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "20000", description = "Generated shop: customers when"
            + " its year starts (default: ${DEFAULT-VALUE}).")
    int shopCustomers;

    @Option(names = "--days", paramLabel = "D", defaultValue = "365", description = "Generated shop: days of events from "
            + "2025-01-01 (default: ${DEFAULT-VALUE}).")
    int shopDays;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Generated shop: a change from --scenario-from on "
            + "(price-increase, app-outage, competitor-promo, new-acquisition-channel).")
    String scenario;

    @Option(names = "--scenario-from", paramLabel = "DATE", description = "Generated shop: first day of --scenario (default: mid-period).")
    LocalDate scenarioFrom;

    @Option(names = "--cutoffs", paramLabel = "K", description = "Generated shop: monthly point-in-time cutoffs to train and"
            + " test on, counting back from the last the data can label (default: 6).")
    Integer cutoffs;

    @Mixin
    DatasetOptions dataset = new DatasetOptions();







    @Option(names = "--expectations", paramLabel = "JSON", description = "Expectation suite to apply (as saved under expectations/ by an earlier run).")
    Path expectations;

    @Option(names = "--source", description = "Source name under raw/ (default: from the file name).")
    String source;

    @Option(names = "--model", description = "Registry model name (default: churn for the built-in table, "
            + "churn-<source> for --data), so models of different tables never compete.")
    String model;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for splits and training, 0 to 4294967295"
            + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation-share", paramLabel = "X", description = "Customer tables: also cut this share of the"
            + " table from the training rows to validate on (0.2 gives the 60/20/20 split). Default 0: the algorithm,"
            + " boosting rounds, calibration and threshold are chosen on out-of-fold predictions of the training rows"
            + " (training workflow setting validationShare).")
    Double validationShare;

    @Option(names = "--objective", defaultValue = "max-f1", description = "Threshold objective: max-f1, max-profit, precision>=P or recall>=R (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--algorithms", description = "Comma-separated: logistic_regression, random_forest, gradient_boosting"
            + " (default: logistic_regression,gradient_boosting).")
    String algorithms;

    @Option(names = "--hyperparameter", paramLabel = "KEY=VALUE", description = "Training hyperparameter, e.g. random_forest.trees=200.")
    Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Option(names = "--cv", paramLabel = "K", description = "Cross-validate the chosen model's configuration with K stratified"
            + " folds of the training rows (with --validation-share, training + validation rows; the test split stays"
            + " unseen); 0 = off (hyperparameter cv_folds).")
    Integer cvFolds;

    @Option(names = "--search", paramLabel = "N", description = "Hyperparameter search: N candidates in total, shared over"
            + " the algorithms, each scored by stratified 5-fold cross-validation on the training split; 0 = off"
            + " (hyperparameter search_candidates).")
    Integer searchCandidates;

    @Option(names = "--search-space", paramLabel = "JSON", description = "Search space file (default: the built-in one,"
            + " functions/core/src/main/resources/dev/churnops/core/model/search-space.json).")
    Path searchSpace;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            // Checked before ingestion, so a typo fails at once rather than after training.
            ThresholdObjective.parse(objective);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "--objective: " + e.getMessage());
        }
        // A search space file is read and checked before ingestion, so a bad one fails at once; the
        // other hyperparameters are checked by the training workflow's launch step.
        Map<String, String> selection = selectionHyperparameters();
        if (seed < 0 || seed > MersenneTwister.MAX_SEED) {
            throw new CliException(CliException.USAGE, "--seed " + seed + ": expected a whole number from 0 to "
                    + MersenneTwister.MAX_SEED + " (the seeds numpy's RandomState and scikit-learn accept)");
        }
        if (validationShare != null && !(validationShare >= 0 && validationShare < 1 - TEST_SHARE)) {
            throw new CliException(CliException.USAGE, "--validation-share " + validationShare + ": expected a share from 0"
                    + " up to but excluding " + (1 - TEST_SHARE) + " (the test rows take " + TEST_SHARE + ")");
        }
        if (data != null && table) {
            throw new CliException(CliException.USAGE, "--data and --table each name the customer table to train on: give one");
        }
        if (data != null || table) {
            for (String option : List.of("--customers", "--days", "--scenario", "--scenario-from", "--cutoffs")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new CliException(CliException.USAGE, option + " describes the generated shop, which --data and --table replace");
                }
            }
        } else {
            return shop(out, selection);
        }
        Input input = input();
        Path homeDir = home.home();
        Services services = home.services(System.err);
        LocalDate today = LocalDate.ofInstant(services.clock().instant(), ZoneOffset.UTC);
        String rawKey = BlobLayout.raw(input.source(), today, input.fileName());
        services.blobs().put(BlobLayout.datasetConfig(input.source()), input.spec().toJson());
        if (expectations != null) {
            services.blobs().put(BlobLayout.datasetExpectations(input.source()), readUserFile(expectations, "expectations file"));
        }
        services.blobs().put(rawKey, input.content());
        LocalRuntime runtime = new LocalRuntime(homeDir, services, null);

        LocalRuntime.Run ingestion = runtime.start("ingestion", s3ObjectCreated(rawKey, input.content().length, services.clock().instant()));
        Execution ingested = ingestion.execution();
        if (!ingested.succeeded()) {
            if ("DataUnusable".equals(ingested.error())) {
                throw new CliException(CliException.USAGE, input.describe() + " is unusable: " + problems(ingested.cause()));
            }
            throw new CliException(CliException.INTERNAL, "ingestion failed with " + ingested.error() + ": "
                    + ingested.cause() + " (history: " + ingestion.history() + ")");
        }
        JsonNode ing = ingested.output();

        ObjectNode trainingInput = trainingInput(input.source(), input.modelName(), selection, ing.path("rowsIn").asLong(),
                ing.path("rowsValid").asLong(), ing.path("rowsQuarantined").asLong());
        trainingInput.put("validatedKey", ing.path("validatedKey").asText());
        if (validationShare != null) {
            trainingInput.put("validationShare", validationShare);
        }
        LocalRuntime.Run training = train(runtime, trainingInput);
        Map<String, Object> summary = summary(services, ingestion.execution().name(), Map.of("input", ing.path("rowsIn").asLong(),
                "valid", ing.path("rowsValid").asLong(), "quarantined", ing.path("rowsQuarantined").asLong()),
                ing.path("quarantineKey").isNull() ? null : ing.path("quarantineKey").asText(), training);
        byte[] json = Json.write(summary);
        Files.write(homeDir.resolve("summary.json"), json);
        Files.write(training.directory().resolve("summary.json"), json);
        print(out, summary, homeDir);
        return 0;
    }

    /** The default: a generated shop, ingested day by day, trained on point-in-time sets of its features. */
    private Integer shop(PrintWriter out, Map<String, String> selection) throws IOException {
        dataset.requireData();
        if (source != null || expectations != null) {
            throw new CliException(CliException.USAGE, "--source and --expectations describe a --data file; give --data too");
        }
        if (validationShare != null) {
            throw new CliException(CliException.USAGE, "--validation-share splits a customer table (--data or --table);"
                    + " the generated shop's point-in-time sets are split by cutoff");
        }
        GeneratorConfig config;
        try {
            config = new GeneratorConfig(shopCustomers, shopDays, seed, ShopRun.START,
                    scenario == null ? null : Scenario.of(scenario), scenarioFrom, GeneratorConfig.DEFAULT_DEFECT_RATE);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage().replace("--from", "--scenario-from"));
        }
        Path homeDir = home.home();
        Services services = home.services(System.err);
        LocalRuntime runtime = new LocalRuntime(homeDir, services, null);
        ShopRun.Ingested shop = new ShopRun(services, runtime, homeDir, spec.commandLine().getErr()).run(config);

        ObjectNode trainingInput = trainingInput("shop", modelName(SHOP_MODEL_NAME), selection, shop.rowsIn(), shop.rowsValid(),
                shop.rowsQuarantined());
        trainingInput.put("featureView", FeatureStores.DEFAULT_VIEW);
        if (cutoffs != null) {
            trainingInput.put("cutoffs", cutoffs);
        }
        LocalRuntime.Run training = train(runtime, trainingInput);
        Map<String, Object> summary = summary(services, shop.lastIngestion(), shop.rows(),
                shop.quarantineKeys().isEmpty() ? null : shop.quarantineKeys().get(shop.quarantineKeys().size() - 1), training);
        Map<String, Object> shopSummary = new LinkedHashMap<>();
        shopSummary.put("customers_at_start", config.customers());
        shopSummary.put("days", config.days());
        shopSummary.put("from", config.start().toString());
        shopSummary.put("to", config.end().toString());
        shopSummary.put("scenario", scenario);
        shopSummary.put("events", shop.events());
        shopSummary.put("files_ingested", shop.files());
        shopSummary.put("files_with_quarantine", shop.quarantineKeys().size());
        shopSummary.put("days_materialized", shop.daysMaterialized());
        shopSummary.put("feature_rows", shop.featureRows());
        shopSummary.put("generate_seconds", shop.generateSeconds());
        shopSummary.put("ingest_seconds", shop.ingestSeconds());
        shopSummary.put("training_set", training.execution().output().path("trainingSet"));
        summary.put("shop", shopSummary);
        byte[] json = Json.write(summary);
        Files.write(homeDir.resolve("summary.json"), json);
        Files.write(training.directory().resolve("summary.json"), json);
        out.printf(Locale.ROOT, "shop       %,d events from %s to %s, %d files in %.1f s generated, ingested and materialized in %.1f s%n",
                shop.events(), config.start(), config.end(), shop.files(), shop.generateSeconds(), shop.ingestSeconds());
        out.printf(Locale.ROOT, "training   point-in-time set %s%n", training.execution().output().path("trainingSet").path("rows"));
        print(out, summary, homeDir);
        return 0;
    }

    /** The training state machine's input: the run's seed, objective and hyperparameters, and the ingestion's row counts. */
    private ObjectNode trainingInput(String source, String modelName, Map<String, String> selection, long rowsIn, long rowsValid,
                                     long rowsQuarantined) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("source", source);
        input.put("modelName", modelName);
        input.put("seed", seed);
        input.put("objective", objective);
        ObjectNode hp = input.putObject("hyperparameters");
        hp.put("seed", Long.toString(seed));
        if (algorithms != null) {
            hp.put("algorithms", algorithms);
        }
        hyperparameters.forEach(hp::put);
        selection.forEach(hp::put);
        ObjectNode rows = input.putObject("ingestion");
        rows.put("rowsIn", rowsIn);
        rows.put("rowsValid", rowsValid);
        rows.put("rowsQuarantined", rowsQuarantined);
        return input;
    }

    /** Runs the training state machine; a failure becomes the CLI's error, a usage error when the input was at fault. */
    private static LocalRuntime.Run train(LocalRuntime runtime, ObjectNode input) {
        LocalRuntime.Run training = runtime.start("training", input);
        Execution trained = training.execution();
        if (!trained.succeeded()) {
            boolean badArgument = trained.error() != null && (trained.error().endsWith("InvalidEventException")
                    || trained.error().equals(IllegalArgumentException.class.getName()));
            throw new CliException(badArgument ? CliException.USAGE : CliException.INTERNAL, "training failed with "
                    + trained.error() + ": " + message(trained.cause()) + " (history: " + training.history() + ")");
        }
        return training;
    }

    /** The search space file as one line of JSON, checked: a bad space stops the run before ingestion. */
    private static String searchSpaceJson(Path file) {
        String text = new String(readUserFile(file, "search space file"), java.nio.charset.StandardCharsets.UTF_8);
        try {
            return SearchSpace.parse(text, "file '" + file + "'").toJson();
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }

    /** The hyperparameters --cv, --search and --search-space set. */
    private Map<String, String> selectionHyperparameters() {
        Map<String, String> values = new LinkedHashMap<>();
        if (cvFolds != null) {
            values.put(HyperParameters.CV_FOLDS, Integer.toString(cvFolds));
        }
        if (searchCandidates != null) {
            values.put(HyperParameters.SEARCH_CANDIDATES, Integer.toString(searchCandidates));
        }
        if (searchSpace != null) {
            values.put(HyperParameters.SEARCH_SPACE, searchSpaceJson(searchSpace));
        }
        return values;
    }

    /** What to ingest: the bytes, the spec and the source name. */
    private record Input(byte[] content, String fileName, String source, DatasetSpec spec, String describe, String modelName) {
    }

    private Input input() {
        if (data == null) {
            dataset.requireData();
            DatasetSpec spec = DatasetSpec.builder().name("customers").idColumn(SyntheticCustomers.ID)
                    .labelColumn(SyntheticCustomers.LABEL).positiveLabel(SyntheticCustomers.POSITIVE).build();
            return new Input(SyntheticCustomers.generate(3000, 7), "synthetic-customers.csv",
                    source == null ? "customers" : checkSource(source), spec, "the built-in synthetic table",
                    modelName(defaultModelName(source == null ? "customers" : checkSource(source))));
        }
        byte[] content = readUserFile(data, "data file");
        String fileName = data.getFileName().toString();
        DatasetSpec spec = dataset.spec(fileName);
        String src = source != null ? checkSource(source) : slug(fileName);
        return new Input(content, fileName.replaceAll("[^A-Za-z0-9._-]", "_"), src, spec, "data file '" + data + "'",
                modelName(defaultModelName(src)));
    }

    /** The test share of the training workflow's defaults, which --validation-share must leave room beside. */
    static final double TEST_SHARE = 0.2;

    /** The registry model a generated shop trains when --model does not say; {@code churnops monitor --feature-view} watches it. */
    static final String SHOP_MODEL_NAME = "churn";

    /**
     * The registry model a source trains when --model does not say: {@code churn} for the default
     * source {@code customers}, {@code churn-<source>} (cut to the registry's 63 characters)
     * otherwise, so models of different tables never compete for one champion. Batch scoring and
     * serving find a source's model by the same rule.
     */
    static String defaultModelName(String source) {
        return source.equals("customers") ? "churn"
                : ("churn-" + source).substring(0, Math.min(63, 6 + source.length())).replaceAll("-+$", "");
    }


    private String modelName(String fallback) {
        String name = model == null ? fallback : model;
        if (!name.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
            throw new CliException(CliException.USAGE, "--model '" + name + "' must be 1-63 letters, digits and inner hyphens");
        }
        return name;
    }

    static byte[] readUserFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new CliException(CliException.USAGE, what + " '" + file + "' does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(CliException.USAGE, what + " '" + file + "' is not a regular file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException(CliException.USAGE, what + " '" + file + "' cannot be read: " + e.getMessage());
        }
    }

    static String slug(String fileName) {
        String base = fileName.replaceFirst("\\.[^.]*$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return base.isEmpty() ? "customers" : base;
    }

    static String checkSource(String source) {
        if (!source.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new CliException(CliException.USAGE, "--source '" + source + "' must be lower-case letters, digits and hyphens");
        }
        return source;
    }

    /** The EventBridge event S3 sends when an object is created, as the ingestion rule receives it. */
    static JsonNode s3ObjectCreated(String key, long size, java.time.Instant time) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("version", "0");
        event.put("id", java.util.UUID.randomUUID().toString());
        event.put("detail-type", "Object Created");
        event.put("source", "aws.s3");
        event.put("account", LocalRuntime.ACCOUNT);
        event.put("time", time.toString());
        event.put("region", LocalRuntime.REGION);
        event.putArray("resources").add("arn:aws:s3:::churnops-local");
        ObjectNode detail = event.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", "churnops-local");
        ObjectNode object = detail.putObject("object");
        object.put("key", key);
        object.put("size", size);
        detail.put("reason", "PutObject");
        return event;
    }

    static String problems(String cause) {
        try {
            JsonNode node = Json.tree(cause.getBytes(java.nio.charset.StandardCharsets.UTF_8), "cause");
            if (node.isArray()) {
                List<String> list = new java.util.ArrayList<>();
                node.forEach(n -> list.add(n.asText()));
                return String.join("; ", list);
            }
        } catch (RuntimeException e) {
            // Not JSON: show it as it is.
        }
        return cause;
    }

    /**
     * The CLI error of a failed execution of {@code what}: exit 2 when its task error is one of
     * {@code userErrors} or an invalid event (the input or the arguments are wrong), else exit 1;
     * the message names the error, its cause and the execution's history file.
     */
    static CliException failed(String what, LocalRuntime.Run run, java.util.Set<String> userErrors) {
        String error = run.execution().error();
        boolean userError = error != null && (userErrors.contains(error) || error.endsWith("InvalidEventException"));
        return new CliException(userError ? CliException.USAGE : CliException.INTERNAL, what + " failed with " + error
                + ": " + message(run.execution().cause()) + " (history: " + run.history() + ")");
    }

    static String message(String cause) {
        if (cause == null) {
            return "";
        }
        try {
            JsonNode node = Json.tree(cause.getBytes(java.nio.charset.StandardCharsets.UTF_8), "cause");
            if (node.has("errorMessage")) {
                return node.get("errorMessage").asText();
            }
        } catch (RuntimeException e) {
            // Not a Lambda error document.
        }
        return cause;
    }

    private static Map<String, Object> summary(Services services, String ingestionExecution, Map<String, Object> rows,
                                               String quarantine, LocalRuntime.Run training) {
        JsonNode out = training.execution().output();
        JsonNode registration = out.path("registration");
        EvaluationRecord evaluation = Json.read(services.blobs().get(out.path("evaluation").path("evaluationKey").asText()),
                EvaluationRecord.class, "evaluation");
        var m = evaluation.report().testMetrics();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("execution", training.execution().name());
        s.put("ingestion_execution", ingestionExecution);
        s.put("rows", rows);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", evaluation.modelName());
        model.put("version", registration.path("version").asInt());
        model.put("algorithm", evaluation.algorithm());
        model.put("status", registration.path("status").asText());
        model.put("champion", registration.path("champion").asBoolean());
        model.put("sha256", registration.path("modelSha256").asText());
        model.put("artifact", registration.path("artifactKey").asText());
        s.put("model", model);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("roc_auc", m.rocAuc());
        test.put("pr_auc", m.prAuc());
        test.put("f1", m.f1());
        test.put("precision", m.precision());
        test.put("recall", m.recall());
        test.put("weighted_f1", m.weightedF1());
        test.put("threshold", m.threshold());
        s.put("test", test);
        s.put("threshold_objective", evaluation.report().thresholdChoice().objective().spec());
        if (evaluation.champion() != null) {
            s.put("previous_champion", Map.of("version", evaluation.champion().version(), "roc_auc", evaluation.champion().rocAuc()));
        }
        JsonNode finalMetrics = out.path("training").path("finalMetrics");
        s.put("train_seconds", finalMetrics.path("train_seconds").asDouble());
        TrainingSummary trainingSummary = ModelArtifact.read(services.blobs().get(evaluation.modelArtifactKey()),
                evaluation.modelArtifactKey()).training();
        if (trainingSummary.cv() != null) {
            Map<String, Object> cv = new LinkedHashMap<>();
            cv.put("folds", trainingSummary.cv().folds());
            cv.put("rows", trainingSummary.cv().rows());
            cv.put("roc_auc_mean", trainingSummary.cv().rocAucMean());
            cv.put("roc_auc_std", trainingSummary.cv().rocAucStd());
            s.put("cv", cv);
        }
        if (trainingSummary.search() != null) {
            Map<String, Object> search = new LinkedHashMap<>();
            search.put("candidates", trainingSummary.search().candidates().size());
            search.put("folds", trainingSummary.search().folds());
            search.put("seconds", finalMetrics.path("search_seconds").asDouble());
            trainingSummary.search().candidates().stream()
                    .filter(c -> c.winner() && c.algorithm().equals(trainingSummary.algorithm()))
                    .findFirst().ifPresent(c -> {
                        search.put("chosen_candidate", c.id());
                        search.put("chosen_cv_roc_auc_mean", c.cvRocAucMean());
                    });
            s.put("search", search);
        }
        var b = evaluation.report().businessImpact();
        Map<String, Object> business = new LinkedHashMap<>();
        business.put("assumptions", b.assumptions());
        business.put("customers_flagged", b.customersFlagged());
        business.put("churners_reached", b.churnersReached());
        business.put("customers_saved", b.customersSaved());
        business.put("saved_share_of_base", b.savedShareOfBase());
        business.put("cost", b.cost());
        business.put("value", b.value());
        business.put("net_value", b.netValue());
        business.put("roi", b.roi());
        business.put("formula", b.formula());
        s.put("business", business);
        s.put("report", out.path("report").path("reportKey").asText());
        s.put("run", out.path("run").path("runKey").asText(null));
        List<String> runWarnings = new java.util.ArrayList<>();
        out.path("run").path("warnings").forEach(w -> runWarnings.add(w.asText()));
        s.put("run_warnings", runWarnings);
        s.put("quarantine", quarantine);
        return s;
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintWriter out, Map<String, Object> s, Path home) {
        Map<String, Object> rows = (Map<String, Object>) s.get("rows");
        Map<String, Object> model = (Map<String, Object>) s.get("model");
        Map<String, Object> test = (Map<String, Object>) s.get("test");
        Map<String, Object> business = (Map<String, Object>) s.get("business");
        out.printf(Locale.ROOT, "rows       %s in, %s valid, %s quarantined%s%n", rows.get("input"), rows.get("valid"),
                rows.get("quarantined"), s.get("quarantine") == null ? "" : " (" + home.resolve((String) s.get("quarantine")) + ")");
        out.printf(Locale.ROOT, "model      %s v%s %s, %s%s (sha256 %s…)%n", model.get("name"), model.get("version"), model.get("algorithm"),
                model.get("status"), Boolean.TRUE.equals(model.get("champion")) ? ", champion" : "",
                ((String) model.get("sha256")).substring(0, 12));
        out.printf(Locale.ROOT, "test       ROC-AUC %.4f  PR-AUC %.4f  F1 %.4f  precision %.4f  recall %.4f  at threshold %.4f (%s)%n",
                test.get("roc_auc"), test.get("pr_auc"), test.get("f1"), test.get("precision"), test.get("recall"),
                test.get("threshold"), s.get("threshold_objective"));
        out.printf(Locale.ROOT, "business   %.0f customers saved of %.0f flagged, net value %.0f, ROI %.2f%n",
                business.get("customers_saved"), business.get("customers_flagged"), business.get("net_value"), business.get("roi"));
        out.printf(Locale.ROOT, "training   %.2f s%n", s.get("train_seconds"));
        if (s.get("search") instanceof Map<?, ?> search) {
            out.printf(Locale.ROOT, "search     %s candidates x %s folds in %.1f s%s%n", search.get("candidates"),
                    search.get("folds"), search.get("seconds"), search.get("chosen_candidate") == null ? ""
                            : String.format(Locale.ROOT, ", chosen #%s (cv ROC-AUC %.4f)", search.get("chosen_candidate"),
                            search.get("chosen_cv_roc_auc_mean")));
        }
        if (s.get("cv") instanceof Map<?, ?> cv) {
            out.printf(Locale.ROOT, "cv         %s-fold ROC-AUC %.4f +/- %.4f (sample std) over %s rows%n",
                    cv.get("folds"), cv.get("roc_auc_mean"), cv.get("roc_auc_std"), cv.get("rows"));
        }
        out.printf(Locale.ROOT, "report     %s%n", home.resolve((String) s.get("report")));
        if (s.get("run") != null) {
            out.printf(Locale.ROOT, "run        %s%n", home.resolve((String) s.get("run")));
        }
        for (Object warning : (List<?>) s.get("run_warnings")) {
            out.printf(Locale.ROOT, "warning    %s%n", warning);
        }
        out.printf(Locale.ROOT, "summary    %s%n", home.resolve("summary.json"));
    }
}
