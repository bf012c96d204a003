package dev.churnops.core.pipeline;

import dev.churnops.core.json.Json;
import dev.churnops.core.port.BlobStore;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The last step of a monitoring run, after its alerts were published and training (maybe) started:
 * moves the incident log staged by {@link DecideMonitoring} into place, and the retraining log only
 * when training really started, then writes {@code monitoring-summary.json} with
 * {@code retraining_started} as it happened. Running it twice for a run writes the same bytes.
 */
public final class CommitMonitoring {

    public record Command(String executionId, LocalDate date, String modelName, Map<String, Object> summary,
                          boolean retrainingStarted, String trainingExecution) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(summary, "summary");
            if (retrainingStarted && (trainingExecution == null || trainingExecution.isBlank())) {
                throw new IllegalArgumentException("retrainingStarted is true but trainingExecution is missing: expected"
                        + " the ARN of the training execution that was started.");
            }
        }
    }

    private final BlobStore blobs;

    public CommitMonitoring(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Returns the summary as written. */
    public Map<String, Object> run(Command c) {
        String incidents = BlobLayout.monitoring(c.date(), c.executionId(), "state-" + DecideMonitoring.INCIDENTS);
        blobs.find(incidents).ifPresent(bytes -> blobs.put(BlobLayout.monitoringState(c.modelName(),
                DecideMonitoring.INCIDENTS), bytes));
        if (c.retrainingStarted()) {
            String retraining = BlobLayout.monitoring(c.date(), c.executionId(), "state-" + DecideMonitoring.RETRAINING);
            blobs.put(BlobLayout.monitoringState(c.modelName(), DecideMonitoring.RETRAINING), blobs.get(retraining));
        }
        Map<String, Object> summary = new LinkedHashMap<>(c.summary());
        summary.put("retraining_started", c.retrainingStarted());
        summary.put("training_execution", c.trainingExecution());
        blobs.put(BlobLayout.monitoring(c.date(), c.executionId(), DecideMonitoring.SUMMARY), Json.write(summary));
        return summary;
    }
}
