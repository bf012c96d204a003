package dev.churnops.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.port.TrainingJobRequest;
import dev.churnops.core.port.TrainingJobStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** LaunchTraining and DescribeTraining, with the exact requests captured by a fake TrainingJobs. */
class TrainingHandlersTest {

    private final Fakes fakes = Fakes.capturing();

    @Test
    void launchSendsTheJobNameChannelsOutputPrefixAndHyperparameters() {
        JsonNode result = Invocations.invoke(new LaunchTrainingHandler(fakes.services), """
                {"executionId": "training-20261201T063000-002-8e41b",
                 "trainingSetPrefix": "training-sets/training-20261201T063000-002-8e41b/",
                 "hyperparameters": {"algorithms": "logistic_regression", "seed": "7", "logistic_regression.epochs": "5"}}
                """);

        String prefix = "training-sets/training-20261201T063000-002-8e41b/";
        TrainingJobRequest expected = new TrainingJobRequest("churnops-training-20261201T063000-002-8e41b",
                Map.of("algorithms", "logistic_regression", "seed", "7", "logistic_regression.epochs", "5"),
                Map.of("train", prefix + "train/", "validation", prefix + "validation/", "config", prefix + "config/"),
                "training-jobs/");
        assertEquals(List.of(expected), fakes.trainingJobs.launched());
        assertEquals("churnops-training-20261201T063000-002-8e41b", result.get("jobName").asText());
    }

    @Test
    void launchWithoutHyperparametersSendsAnEmptyMapSoTheContainerUsesItsDefaults() {
        Invocations.invoke(new LaunchTrainingHandler(fakes.services),
                "{\"executionId\": \"training-1\", \"trainingSetPrefix\": \"training-sets/training-1/\", \"hyperparameters\": {}}");
        Invocations.invoke(new LaunchTrainingHandler(fakes.services),
                "{\"executionId\": \"training-2\", \"trainingSetPrefix\": \"training-sets/training-2/\"}");

        assertEquals(List.of(Map.of(), Map.of()),
                fakes.trainingJobs.launched().stream().map(TrainingJobRequest::hyperparameters).toList());
    }

    @Test
    void launchNamesAValidSageMakerJobEvenForALongExecutionName() {
        String execution = "training-" + "x".repeat(80) + "-001";

        Invocations.invoke(new LaunchTrainingHandler(fakes.services),
                "{\"executionId\": \"" + execution + "\", \"trainingSetPrefix\": \"training-sets/t/\"}");

        String name = fakes.trainingJobs.launched().get(0).jobName();
        assertTrue(name.length() <= 63 && name.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"), name);
    }

    @Test
    void launchRefusesABadHyperparameterNamingItAndLaunchesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Invocations.invoke(new LaunchTrainingHandler(fakes.services),
                        "{\"executionId\": \"t\", \"trainingSetPrefix\": \"training-sets/t/\","
                                + " \"hyperparameters\": {\"random_forest.trees\": \"0\"}}"));

        assertTrue(e.getMessage().contains("random_forest.trees"), e::getMessage);
        assertEquals(List.of(), fakes.trainingJobs.launched());
    }

    @Test
    void describeAsksForTheJobNamedInTheEventAndReturnsItsStatus() {
        fakes.trainingJobs.answering(new TrainingJobStatus("churnops-training-1", TrainingJobStatus.COMPLETED,
                "training-jobs/churnops-training-1/output/model.tar.gz", null, Map.of("train_seconds", 1.5)));

        JsonNode result = Invocations.invoke(new DescribeTrainingHandler(fakes.services), "{\"jobName\": \"churnops-training-1\"}");

        assertEquals(List.of("churnops-training-1"), fakes.trainingJobs.described());
        assertEquals("Completed", result.get("status").asText());
        assertEquals("training-jobs/churnops-training-1/output/model.tar.gz", result.get("modelArtifactKey").asText());
        assertEquals(1.5, result.get("finalMetrics").get("train_seconds").asDouble());
    }

    @Test
    void describeResultCarriesEveryFieldTheStateMachineSelectsEvenWhenNull() {
        fakes.trainingJobs.answering(new TrainingJobStatus("churnops-training-2", TrainingJobStatus.IN_PROGRESS,
                null, null, null));

        JsonNode result = Invocations.invoke(new DescribeTrainingHandler(fakes.services), "{\"jobName\": \"churnops-training-2\"}");

        // training.asl.json's ResultSelector reads these five; a missing one fails the state.
        Set<String> fields = new TreeSet<>();
        result.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("jobName", "status", "modelArtifactKey", "failureReason", "finalMetrics"), fields);
        assertTrue(result.get("failureReason").isNull());
    }
}
