package dev.churnops.core.batch;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.ThresholdObjective;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.ModelTraining;
import dev.churnops.core.model.SyntheticCustomers;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.BuildTrainingSet;
import dev.churnops.core.pipeline.EvaluateCandidate;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.pipeline.RegisterCandidate;
import dev.churnops.core.pipeline.TrainingSetFiles;
import dev.churnops.core.pipeline.ValidateData;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.port.InMemoryModelRegistry;
import dev.churnops.core.quality.KnownCustomers;
import dev.churnops.core.scoring.ServingModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * In-memory blobs and registry holding what batch scoring starts from: validated customer files
 * (ingested by the real ValidateData) and a champion registered the way the training pipeline
 * registers one, model card included.
 */
final class BatchFixture {

    static final String SOURCE = "customers";
    static final String MODEL = "churn";
    static final LocalDate DATE = LocalDate.parse("2026-12-01");

    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final InMemoryModelRegistry registry = new InMemoryModelRegistry();

    BatchFixture() {
        blobs.put(BlobLayout.datasetConfig(SOURCE), SyntheticCustomers.SPEC.toJson());
    }

    /** Validates {@code csv} as {@code raw/customers/dt=<day>/customers.csv}; returns the validated key. */
    String ingest(String day, String csv) {
        String raw = BlobLayout.raw(SOURCE, LocalDate.parse(day), "customers.csv");
        blobs.put(raw, csv.getBytes(StandardCharsets.UTF_8));
        ValidateData.Result result = new ValidateData(blobs, KnownCustomers.NOBODY, Clock.systemUTC()).run(new ValidateData.Command(raw, "ingest-" + day));
        if (!result.usable()) {
            throw new IllegalStateException("fixture data unusable: " + result.problems());
        }
        return result.validatedKey();
    }

    /** Trains logistic regression on the newest validated file and registers it approved and champion; returns its version. */
    int trainChampion(String execution) {
        BuildTrainingSet.Result set = new BuildTrainingSet(blobs).run(new BuildTrainingSet.Command(execution, SOURCE,
                null, 7, 0.2, 0.2));
        String prefix = set.trainingSetPrefix();
        DatasetSpec spec = DatasetSpec.fromJson(blobs.get(TrainingSetFiles.specKey(prefix)));
        LabeledTable train = split(prefix, "train", spec);
        LabeledTable validation = split(prefix, "validation", spec);
        HyperParameters parameters = HyperParameters.parse(Map.of("algorithms", "logistic_regression",
                "logistic_regression.epochs", "5"));
        ModelTraining.Outcome outcome = ModelTraining.train(train, validation, parameters);
        String artifactKey = "training-jobs/" + execution + "/output/model.tar.gz";
        blobs.put(artifactKey, ModelArtifact.write(outcome.model(), outcome.baseline(),
                TrainingSummary.of(outcome, parameters, train.size(), validation.size()), null));
        EvaluateCandidate.Result evaluation = new EvaluateCandidate(blobs, registry).run(new EvaluateCandidate.Command(
                execution, MODEL, artifactKey, prefix, ThresholdObjective.maxF1(), BusinessAssumptions.defaults()));
        return new RegisterCandidate(blobs, registry).run(new RegisterCandidate.Command(execution, MODEL,
                evaluation.evaluationKey(), true, set.dataFingerprint(), "test", set.rows())).version();
    }

    /** A second source, {@code shop}, whose validated file has every column of the model but Partner. */
    String ingestShopWithoutPartner() {
        DatasetSpec spec = SyntheticCustomers.SPEC.toBuilder().name("shop").build();
        blobs.put(BlobLayout.datasetConfig("shop"), spec.toJson());
        StringBuilder csv = new StringBuilder();
        for (String line : SyntheticCustomers.csv(120, 43, 7001).split("\n")) {
            String[] f = line.split(",", -1);
            csv.append(String.join(",", f[0], f[1], f[2], f[3], f[5], f[6])).append('\n');
        }
        String raw = BlobLayout.raw("shop", DATE, "shop.csv");
        blobs.put(raw, csv.toString().getBytes(StandardCharsets.UTF_8));
        return new ValidateData(blobs, KnownCustomers.NOBODY, Clock.systemUTC()).run(new ValidateData.Command(raw, "ingest-shop")).validatedKey();
    }

    ServingModel model(int version) {
        return ServingModel.load(registry.artifact(MODEL, version), "v" + version);
    }

    ListScoringPartitions.Result list(String execution, String validatedKey, int partitionRows) {
        return new ListScoringPartitions(blobs, registry).run(new ListScoringPartitions.Command(execution, SOURCE,
                validatedKey, MODEL, partitionRows, DATE));
    }

    ScorePartition.Result score(String execution, ListScoringPartitions.Result listing, ListScoringPartitions.Partition p) {
        return new ScorePartition(blobs, registry).run(new ScorePartition.Command(execution, listing.validatedKey(),
                listing.modelName(), listing.modelVersion(), DATE, p.index(), p.start(), p.end()));
    }

    private LabeledTable split(String prefix, String channel, DatasetSpec spec) {
        String key = TrainingSetFiles.channelKey(prefix, channel);
        return TrainingSetFiles.read(blobs.get(key), spec, key);
    }
}
