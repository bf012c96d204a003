package dev.churnops.cdk.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.churnops.core.pipeline.LaunchTraining;
import org.junit.jupiter.api.Test;

/** The launch function may create only jobs named as the domain names them. */
class TrainingJobNamesTest {

    @Test
    void theIamScopeUsesThePrefixEveryJobNameStartsWith() {
        assertEquals(LaunchTraining.JOB_PREFIX, Training.JOB_NAME_PREFIX);
    }
}
