package dev.churnops.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import org.junit.jupiter.api.Test;

/** The objective of the EvaluateModel event, as the training state machine passes it through from the run's input. */
class EvaluateModelHandlerTest {

    private static final String CANDIDATE = "training-jobs/churnops-training-1/output/model.tar.gz";
    private static final String TRAINING_SET = "training-sets/training-1/";

    private static String event(String execution, String objective) {
        return "{\"executionId\": \"" + execution + "\", \"modelName\": \"" + RegisteredModelFixture.MODEL_NAME
                + "\", \"modelArtifactKey\": \"" + CANDIDATE + "\", \"trainingSetPrefix\": \"" + TRAINING_SET
                + "\", \"objective\": \"" + objective + "\", \"business\": {\"offerCostPerCustomer\": 25.0}}";
    }

    @Test
    void choosesTheThresholdForMaxProfitWithTheEventsBusinessAssumptions() {
        RegisteredModelFixture fixture = RegisteredModelFixture.shared();

        JsonNode result = Invocations.invoke(new EvaluateModelHandler(fixture.services()),
                event("evaluate-max-profit", "max-profit"));

        JsonNode evaluation = Json.tree(fixture.services().blobs().get(result.get("evaluationKey").asText()), "evaluation");
        assertEquals("max-profit", evaluation.at("/report/threshold_choice/objective").asText());
        assertEquals(25.0, evaluation.at("/report/business_impact/assumptions/offer_cost_per_customer").asDouble());
        assertTrue(evaluation.at("/report/threshold_choice/reason").asText().contains("expected net value"),
                evaluation.at("/report/threshold_choice/reason").asText());
        assertEquals(result.get("threshold").asDouble(), evaluation.at("/report/threshold_choice/threshold").asDouble());
    }

    @Test
    void rejectsAnUnknownObjectiveListingTheValidOnes() {
        RegisteredModelFixture fixture = RegisteredModelFixture.shared();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Invocations.invoke(
                new EvaluateModelHandler(fixture.services()), event("evaluate-bad-objective", "max-revenue")));

        assertTrue(e.getMessage().contains("'max-revenue' is not recognised; expected one of 'max-f1', 'max-profit',"
                + " 'precision>=T' or 'recall>=T'"), e.getMessage());
    }
}
