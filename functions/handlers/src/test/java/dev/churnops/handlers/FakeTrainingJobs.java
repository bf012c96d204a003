package dev.churnops.handlers;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.ModelTraining;
import dev.churnops.core.model.TrainingSummary;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.pipeline.TrainingSetFiles;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.TrainingJobRequest;
import dev.churnops.core.port.TrainingJobStatus;
import dev.churnops.core.port.TrainingJobs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fake {@link TrainingJobs} that captures every request it is sent, as a test of an AWS client
 * would capture the SDK request. {@link #capturing()} only records and answers describe with a
 * scripted status; {@link #trainingInto(BlobStore)} also trains in-process with the core engines
 * and writes {@code <output>/<job>/output/model.tar.gz}, as the training container would.
 */
final class FakeTrainingJobs implements TrainingJobs {

    private final BlobStore blobs;
    private final List<TrainingJobRequest> launched = new ArrayList<>();
    private final List<String> described = new ArrayList<>();
    private final Map<String, TrainingJobStatus> statuses = new HashMap<>();

    private FakeTrainingJobs(BlobStore blobs) {
        this.blobs = blobs;
    }

    static FakeTrainingJobs capturing() {
        return new FakeTrainingJobs(null);
    }

    static FakeTrainingJobs trainingInto(BlobStore blobs) {
        return new FakeTrainingJobs(blobs);
    }

    /** What {@link #describe} answers for {@code status.jobName()}. */
    FakeTrainingJobs answering(TrainingJobStatus status) {
        statuses.put(status.jobName(), status);
        return this;
    }

    List<TrainingJobRequest> launched() {
        return List.copyOf(launched);
    }

    List<String> described() {
        return List.copyOf(described);
    }

    @Override
    public synchronized void launch(TrainingJobRequest request) {
        launched.add(request);
        if (blobs != null) {
            statuses.put(request.jobName(), train(request));
        }
    }

    @Override
    public synchronized TrainingJobStatus describe(String jobName) {
        described.add(jobName);
        TrainingJobStatus status = statuses.get(jobName);
        if (status == null) {
            throw new IllegalArgumentException("no training job named '" + jobName + "'");
        }
        return status;
    }

    private TrainingJobStatus train(TrainingJobRequest request) {
        DatasetSpec spec = DatasetSpec.fromJson(blobs.get(request.channels().get("config") + TrainingSetFiles.SPEC_FILE));
        LabeledTable train = channel(request, "train", spec);
        LabeledTable validation = channel(request, "validation", spec);
        HyperParameters parameters = HyperParameters.parse(request.hyperparameters());
        ModelTraining.Outcome outcome = ModelTraining.train(train, validation, parameters);
        String key = request.outputPrefix() + request.jobName() + "/output/model.tar.gz";
        blobs.put(key, ModelArtifact.write(outcome.model(), outcome.baseline(), null,
                TrainingSummary.of(outcome, parameters, train.size(), validation.size()), outcome.outOfFold(), null));
        Map<String, Double> metrics = new TreeMap<>();
        outcome.candidates().forEach(c -> metrics.put(outcome.selection().label() + "_roc_auc." + c.algorithm(), c.rocAuc()));
        metrics.put("train_seconds", 0.5);
        return new TrainingJobStatus(request.jobName(), TrainingJobStatus.COMPLETED, key, null, metrics);
    }

    private LabeledTable channel(TrainingJobRequest request, String name, DatasetSpec spec) {
        String key = request.channels().get(name) + TrainingSetFiles.DATA_FILE;
        return TrainingSetFiles.read(blobs.get(key), spec, key);
    }
}
