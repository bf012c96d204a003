package dev.churnops.core.pipeline;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.ModelTraining;
import dev.churnops.core.model.SyntheticCustomers;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.port.InMemoryModelRegistry;
import dev.churnops.core.quality.KnownCustomers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * One pipeline's worth of fakes, and the steps before the one under test: ingest a raw file, cut a
 * training set, train a candidate the way the training container would and store its artifact.
 */
final class PipelineFixture {

    static final String SOURCE = "customers";
    static final String RAW_KEY = "raw/customers/dt=2026-01-31/customers.csv";
    static final String OLDER_RAW_KEY = "raw/customers/dt=2026-01-30/customers.csv";
    static final String MODEL_NAME = "churn";
    static final int GOOD_ROWS = 300;

    /** Appended after 300 good rows, so on lines 302 to 305: one broken row per rule. */
    static final String BAD_LINES = "C00001,5,40.0,One year,No,Mailed check,No\n"
            + "C90002,twelve,50.5,One year,Yes,Mailed check,No\n"
            + "C90003,12,50.5,One year,Yes,Mailed check,\n"
            + "C90004,12,50.5\n";

    static final Map<String, String> LOGISTIC = Map.of("algorithms", "logistic_regression", "logistic_regression.epochs", "5");
    static final Map<String, String> FOREST = Map.of("algorithms", "random_forest", "random_forest.trees", "15", "seed", "5");

    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final InMemoryModelRegistry registry = new InMemoryModelRegistry();

    PipelineFixture() {
        blobs.put(BlobLayout.datasetConfig(SOURCE), SyntheticCustomers.SPEC.toJson());
    }

    static String rawCsv() {
        return SyntheticCustomers.csv(GOOD_ROWS, 41) + BAD_LINES;
    }

    ValidateData.Result ingest(String rawKey, String csv, String execution) {
        blobs.put(rawKey, csv.getBytes(StandardCharsets.UTF_8));
        return new ValidateData(blobs, KnownCustomers.NOBODY, Clock.systemUTC()).run(new ValidateData.Command(rawKey, execution));
    }

    ValidateData.Result ingest() {
        return ingest(RAW_KEY, rawCsv(), "ingest-1");
    }

    /** The three-way 60/20/20 cut (validation share 0.2). */
    BuildTrainingSet.Result trainingSet(String execution) {
        return new BuildTrainingSet(blobs).run(new BuildTrainingSet.Command(execution, SOURCE, null, 7, 0.2, 0.2));
    }

    /** The default cut: scikit-learn's 80/20 train / test split, no validation rows. */
    BuildTrainingSet.Result trainingSetWithoutValidation(String execution) {
        return new BuildTrainingSet(blobs).run(new BuildTrainingSet.Command(execution, SOURCE, null, 7, 0.0, 0.2));
    }

    DatasetSpec spec(String prefix) {
        return DatasetSpec.fromJson(blobs.get(TrainingSetFiles.specKey(prefix)));
    }

    LabeledTable split(String prefix, String channel) {
        String key = TrainingSetFiles.channelKey(prefix, channel);
        return TrainingSetFiles.read(blobs.get(key), spec(prefix), key);
    }

    /**
     * Trains on the set's train and validation splits (on out-of-fold predictions when validation is
     * empty) and writes model.tar.gz as a training job would.
     */
    String trainCandidate(String execution, String prefix, Map<String, String> hyperparameters) {
        byte[] artifact = artifact(prefix, hyperparameters);
        String key = BlobLayout.trainingJobs() + LaunchTraining.jobName(execution) + "/output/model.tar.gz";
        blobs.put(key, artifact);
        return key;
    }

    byte[] artifact(String prefix, Map<String, String> hyperparameters) {
        LabeledTable train = split(prefix, "train");
        LabeledTable validation = split(prefix, "validation");
        HyperParameters parameters = HyperParameters.parse(hyperparameters);
        ModelTraining.Outcome outcome = ModelTraining.train(train, validation, parameters);
        return ModelArtifact.write(outcome.model(), outcome.baseline(), outcome.monitoring(),
                TrainingSummary.of(outcome, parameters, train.size(), validation.size()), outcome.outOfFold(), null);
    }

    /** Registers a model trained on {@code prefix} as version 1, approved and champion. */
    int registerChampion(String prefix) {
        byte[] artifact = artifact(prefix, FOREST);
        int version = registry.register(MODEL_NAME, v -> artifact, dev.churnops.core.registry.ApprovalStatus.Approved,
                "champion for the test").version();
        registry.setAlias(MODEL_NAME, dev.churnops.core.port.ModelRegistry.CHAMPION, version, "test");
        return version;
    }

    <T> T read(String key, Class<T> type) {
        return Json.read(blobs.get(key), type, key);
    }
}
