package dev.churnops.handlers;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.ThresholdObjective;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.ModelTraining;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.BuildTrainingSet;
import dev.churnops.core.pipeline.EvaluateCandidate;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.pipeline.RegisterCandidate;
import dev.churnops.core.pipeline.TrainingSetFiles;
import dev.churnops.core.pipeline.ValidateData;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.quality.KnownCustomers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Two registered versions of model {@code churn}, made by the real pipeline use cases (ValidateData
 * → BuildTrainingSet → training as the container does it → EvaluateCandidate → RegisterCandidate)
 * from a small seeded table with the columns of the built-in synthetic shop table, so the sample
 * API events in {@code events/apigateway/} fit the model. Logistic regression only, 400 rows:
 * built once per test JVM in well under a second. Version 2 is the same model registered again
 * (the gate approves an equal ROC-AUC) and is the champion. Read-only for tests: nothing may
 * register or change versions in the shared registry.
 */
public final class RegisteredModelFixture {

    public static final String MODEL_NAME = "churn";
    /** The input columns of the model, as the built-in table names them. */
    public static final String COLUMNS = "signup_channel,plan,tenure_months,monthly_spend,orders_90d,"
            + "days_since_last_order,support_tickets_90d,email_opt_in,app_user,payment_method";

    private static final String SOURCE = "customers";
    private static final String SPEC = """
            {"name": "customers", "id_column": "customer_id", "label_column": "churned", "positive_label": "yes"}
            """;
    private static final Map<String, String> LOGISTIC = Map.of("algorithms", "logistic_regression", "seed", "42");

    private static RegisteredModelFixture shared;

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryModelRegistry registry = new InMemoryModelRegistry(blobs);

    private RegisteredModelFixture() {
    }

    /** The fixture, built on first use. */
    public static synchronized RegisteredModelFixture shared() {
        if (shared == null) {
            shared = build();
        }
        return shared;
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** Services around the fixture's registry, with fakes of the other ports and default settings. */
    public Services services() {
        return new Services(blobs, registry, FakeTrainingJobs.capturing(), new RecordingNotifier(), new RecordingMetrics(),
                Fakes.CLOCK, Services.Settings.DEFAULTS);
    }

    /** The model.tar.gz of {@code version} (1 or 2). */
    public byte[] artifact(int version) {
        return registry.artifact(MODEL_NAME, version);
    }

    private static RegisteredModelFixture build() {
        RegisteredModelFixture f = new RegisteredModelFixture();
        f.blobs.put(BlobLayout.datasetConfig(SOURCE), SPEC.getBytes(StandardCharsets.UTF_8));
        String rawKey = "raw/customers/dt=2026-12-01/customers.csv";
        f.blobs.put(rawKey, shopCustomers(400, 7));
        ValidateData.Result validated = new ValidateData(f.blobs, KnownCustomers.NOBODY, Clock.systemUTC()).run(new ValidateData.Command(rawKey, "ingestion-1"));
        if (!validated.usable()) {
            throw new IllegalStateException("fixture data unusable: " + validated.problems());
        }
        BuildTrainingSet.Result set = new BuildTrainingSet(f.blobs).run(new BuildTrainingSet.Command("training-1",
                SOURCE, validated.validatedKey(), 42, 0.2, 0.2));
        String candidate = f.train("training-1", set.trainingSetPrefix());
        for (String execution : new String[] {"training-1", "training-2"}) {
            EvaluateCandidate.Result evaluation = new EvaluateCandidate(f.blobs, f.registry).run(
                    new EvaluateCandidate.Command(execution, MODEL_NAME, candidate, set.trainingSetPrefix(),
                            ThresholdObjective.maxF1(), BusinessAssumptions.defaults()));
            new RegisterCandidate(f.blobs, f.registry).run(new RegisterCandidate.Command(execution, MODEL_NAME,
                    evaluation.evaluationKey(), true, set.dataFingerprint(), "test", set.rows()));
        }
        return f;
    }

    /** Trains as the training container would and stores its model.tar.gz; returns the key. */
    private String train(String execution, String prefix) {
        DatasetSpec spec = DatasetSpec.fromJson(blobs.get(TrainingSetFiles.specKey(prefix)));
        LabeledTable train = channel(prefix, "train", spec);
        LabeledTable validation = channel(prefix, "validation", spec);
        HyperParameters parameters = HyperParameters.parse(LOGISTIC);
        ModelTraining.Outcome outcome = ModelTraining.train(train, validation, parameters);
        String key = BlobLayout.trainingJobs() + "churnops-" + execution + "/output/model.tar.gz";
        blobs.put(key, ModelArtifact.write(outcome.model(), outcome.baseline(), outcome.monitoring(),
                TrainingSummary.of(outcome, parameters, train.size(), validation.size()), null));
        return key;
    }

    private LabeledTable channel(String prefix, String name, DatasetSpec spec) {
        String key = TrainingSetFiles.channelKey(prefix, name);
        return TrainingSetFiles.read(blobs.get(key), spec, key);
    }

    /**
     * A seeded shop table with the built-in table's columns and a learnable churn signal (long
     * tenure, many orders and the app keep customers; tickets, silence and the basic plan lose them).
     */
    public static byte[] shopCustomers(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] channels = {"web", "app", "referral", "marketplace"};
        String[] plans = {"basic", "plus", "premium"};
        String[] payments = {"card", "paypal", "invoice"};
        StringBuilder csv = new StringBuilder("customer_id," + COLUMNS + ",churned\n");
        for (int i = 1; i <= rows; i++) {
            String channel = channels[random.nextInt(channels.length)];
            String plan = plans[random.nextInt(plans.length)];
            String payment = payments[random.nextInt(payments.length)];
            int tenure = 1 + random.nextInt(72);
            int orders = random.nextInt(10);
            int recency = random.nextInt(90);
            int tickets = random.nextDouble() < 0.25 ? 1 + random.nextInt(4) : 0;
            boolean optIn = random.nextDouble() < 0.6;
            boolean app = random.nextDouble() < 0.4;
            double spend = 15 + orders * 6 + random.nextDouble() * 40;
            double logit = -0.8 - 0.03 * tenure + 0.025 * recency - 0.12 * orders + 0.45 * tickets
                    + (plan.equals("basic") ? 0.5 : 0) - (app ? 0.3 : 0);
            boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            csv.append(String.format(Locale.ROOT, "C%05d,%s,%s,%d,%.2f,%d,%d,%d,%s,%s,%s,%s%n", i, channel, plan, tenure,
                    spend, orders, recency, tickets, optIn ? "yes" : "no", app ? "yes" : "no", payment,
                    churned ? "yes" : "no"));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
