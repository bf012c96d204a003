package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.churnops.cdk.config.StageConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** All three stages synthesise offline, each into its four stacks. */
class SynthesisTest {

    @Test
    void everyStageSynthesisesItsFourStacks() {
        long total = 0;
        for (String stage : StageConfig.STAGES) {
            SynthesizedStage s = SynthesizedStage.of(stage);
            String p = "ChurnOps-" + stage + "-";
            assertEquals(List.of(p + "Data", p + "Workflows", p + "Serving", p + "Observability"), List.copyOf(s.templates().keySet()));
            total += s.synthMillis();
        }
        // The first stage also pays for starting jsii's Node process and loading aws-cdk-lib.
        System.out.println("synthesis of " + StageConfig.STAGES + ": " + total + " ms");
    }
}
