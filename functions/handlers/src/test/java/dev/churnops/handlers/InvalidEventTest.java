package dev.churnops.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.handlers.JsonHandler.InvalidEventException;
import org.junit.jupiter.api.Test;

/** Events that do not have the shape a handler expects fail as {@link InvalidEventException}s naming the field. */
class InvalidEventTest {

    private final Fakes fakes = Fakes.capturing();

    private InvalidEventException rejected(JsonHandler<?, ?> handler, String event) {
        return assertThrows(InvalidEventException.class, () -> Invocations.invoke(handler, event));
    }

    private static void assertMentions(InvalidEventException e, String... words) {
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), () -> "'" + e.getMessage() + "' does not mention '" + word + "'");
        }
    }

    @Test
    void rejectsAnUnknownFieldNamingItAndTheKnownOnes() {
        InvalidEventException e = rejected(new ValidateDataHandler(fakes.services),
                "{\"bucket\": \"b\", \"key\": \"raw/customers/dt=2026-12-01/customers.csv\", \"executionId\": \"x\", \"bukcet\": \"b\"}");

        assertMentions(e, "unknown field 'bukcet'", "bucket", "executionId");
    }

    @Test
    void rejectsAWrongTypeNamingTheField() {
        InvalidEventException e = rejected(new BuildTrainingSetHandler(fakes.services),
                "{\"executionId\": \"training-1\", \"source\": \"customers\", \"seed\": \"abc\"}");

        assertMentions(e, "field 'seed'", "abc");
    }

    @Test
    void rejectsAWrongTypeInANestedObjectNamingItsPath() {
        InvalidEventException e = rejected(new EvaluateModelHandler(fakes.services),
                "{\"executionId\": \"t\", \"modelArtifactKey\": \"m\", \"trainingSetPrefix\": \"p/\","
                        + " \"business\": {\"customerBase\": \"many\"}}");

        assertMentions(e, "field 'business.customerBase'");
    }

    @Test
    void rejectsAMissingRequiredFieldNamingIt() {
        InvalidEventException e = rejected(new ValidateDataHandler(fakes.services),
                "{\"bucket\": \"b\", \"executionId\": \"ingestion-1\"}");

        assertMentions(e, "'key'", "required");
    }

    @Test
    void rejectsAMissingRequiredFieldOfEveryKindOfHandler() {
        assertMentions(rejected(new DescribeTrainingHandler(fakes.services), "{}"), "'jobName'");
        assertMentions(rejected(new LaunchTrainingHandler(fakes.services), "{\"executionId\": \"t\"}"), "'trainingSetPrefix'");
        assertMentions(rejected(new RegisterModelHandler(fakes.services),
                "{\"executionId\": \"t\", \"evaluationKey\": \"e\", \"dataFingerprint\": \"f\"}"), "'approved'");
        assertMentions(rejected(new PublishDataQualityHandler(fakes.services),
                "{\"executionId\": \"i\", \"source\": \"customers\", \"rowsIn\": 3, \"rowsValid\": 3}"), "'rowsQuarantined'");
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        InvalidEventException e = rejected(new DescribeTrainingHandler(fakes.services), "jobName=x");

        assertMentions(e, "not valid JSON");
    }

    @Test
    void rejectsANullEventInsteadOfFailingWithANullPointer() {
        InvalidEventException e = rejected(new DescribeTrainingHandler(fakes.services), "null");

        assertMentions(e, "DescribeTrainingHandler");
    }

    @Test
    void launchesNothingForAnInvalidEvent() {
        rejected(new LaunchTrainingHandler(fakes.services),
                "{\"executionId\": \"t\", \"trainingSetPrefix\": \"p/\", \"hyperparameters\": [\"seed\"]}");

        assertEquals(0, fakes.trainingJobs.launched().size());
    }
}
