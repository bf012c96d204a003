package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.port.TrainingJobRequest;
import dev.churnops.core.port.TrainingJobStatus;
import dev.churnops.core.port.TrainingJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchTrainingTest {

    /** Captures every launch request exactly as it would leave the process. */
    private static final class RecordingJobs implements TrainingJobs {
        final List<TrainingJobRequest> launched = new ArrayList<>();
        final TrainingJobStatus status = new TrainingJobStatus("churnops-train-1", TrainingJobStatus.COMPLETED,
                "training-jobs/churnops-train-1/output/model.tar.gz", null, Map.of("train_seconds", 3.0));

        @Override
        public void launch(TrainingJobRequest request) {
            launched.add(request);
        }

        @Override
        public TrainingJobStatus describe(String jobName) {
            return status;
        }
    }

    @Test
    void launchesOneJobWithTheTrainingSetChannelsAndHyperparameters() {
        RecordingJobs jobs = new RecordingJobs();
        String name = new LaunchTraining(jobs).launch(new LaunchTraining.Command("train-1", "training-sets/train-1/",
                Map.of("random_forest.trees", "50")));

        assertEquals("churnops-train-1", name);
        assertEquals(1, jobs.launched.size());
        TrainingJobRequest request = jobs.launched.get(0);
        assertEquals("churnops-train-1", request.jobName());
        assertEquals(Map.of("train", "training-sets/train-1/train/", "validation", "training-sets/train-1/validation/",
                "config", "training-sets/train-1/config/"), request.channels());
        assertEquals(Map.of("random_forest.trees", "50"), request.hyperparameters());
        assertEquals("training-jobs/", request.outputPrefix());
    }

    @Test
    void checksHyperparametersBeforeLaunchingAnything() {
        RecordingJobs jobs = new RecordingJobs();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LaunchTraining(jobs).launch(
                new LaunchTraining.Command("train-1", "training-sets/train-1/", Map.of("random_forest.trees", "-1"))));

        assertTrue(e.getMessage().contains("'random_forest.trees'"), e.getMessage());
        assertTrue(jobs.launched.isEmpty(), "nothing launched");
    }

    @Test
    void namesTheJobAfterTheExecutionWithinSageMakersRule() {
        assertEquals("churnops-arn-aws-states-exec-1", LaunchTraining.jobName("arn:aws:states::exec_1"));
        String long64 = LaunchTraining.jobName("x".repeat(100) + "-tail");
        assertTrue(long64.length() <= 63, long64);
        assertTrue(long64.endsWith("-tail"), "the unique end of the execution id is kept: " + long64);
        assertTrue(long64.startsWith("churnops-x"), "the prefix IAM scopes jobs by is kept: " + long64);
        assertEquals("churnops-", LaunchTraining.jobName("-".repeat(80) + "ok").substring(0, 9));
        // A retried launch of the same execution names the same job.
        assertEquals(LaunchTraining.jobName("run/2026-01-31"), LaunchTraining.jobName("run/2026-01-31"));
        new TrainingJobRequest(long64, Map.of(), Map.of("train", "a/"), "training-jobs/");
    }

    @Test
    void describesTheJobThroughThePort() {
        RecordingJobs jobs = new RecordingJobs();
        assertSame(jobs.status, new LaunchTraining(jobs).describe("churnops-train-1"));
    }
}
