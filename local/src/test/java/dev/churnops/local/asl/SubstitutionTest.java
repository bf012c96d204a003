package dev.churnops.local.asl;

import static dev.churnops.local.asl.AslTestSupport.json;
import static dev.churnops.local.asl.AslTestSupport.outputOf;
import static dev.churnops.local.asl.AslTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {

    private static final String DEFINITION = """
            {"StartAt": "Train", "States": {"Train": {"Type": "Task", "Resource": "${TrainFunctionArn}",
                "Parameters": {"bucket": "${ArtifactBucket}", "key": "models/${Stage}/model.json"}, "End": true}}}""";

    @Test
    void placeholdersInEveryStringValueAreSubstituted() {
        RecordingInvoker invoker = RecordingInvoker.echoing();
        AslOptions options = AslOptions.local().withSubstitutions(Map.of(
                "TrainFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:train",
                "ArtifactBucket", "churnops-artifacts",
                "Stage", "dev"));

        Execution execution = run(DEFINITION, "{}", invoker, options);

        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:train", invoker.calls().get(0).resource());
        assertEquals(json("{\"bucket\": \"churnops-artifacts\", \"key\": \"models/dev/model.json\"}"),
                outputOf(execution));
    }

    @Test
    void aPlaceholderWithoutAValueFailsLoudlyNamingIt() {
        AslOptions options = AslOptions.local().withSubstitutions(Map.of("TrainFunctionArn", "arn", "Stage", "dev"));

        AslDefinitionException e = assertThrows(AslDefinitionException.class,
                () -> run(DEFINITION, "{}", RecordingInvoker.echoing(), options));

        assertTrue(e.getMessage().contains("'${ArtifactBucket}'"), e.getMessage());
    }
}
