package dev.churnops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

    static Map<String, String> required() {
        Map<String, String> env = new HashMap<>();
        env.put("CHURNOPS_BUCKET", "churnops-data-dev");
        env.put("CHURNOPS_ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:churnops-alerts");
        return env;
    }

    private static String failure(Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class, () -> AwsSettings.from(env)).getMessage();
    }

    @Test
    void needsOnlyTheBucketAndTheTopicAndStatesItsDefaults() {
        AwsSettings settings = AwsSettings.from(required());

        assertEquals("churnops-data-dev", settings.bucket());
        assertEquals("arn:aws:sns:eu-west-1:123456789012:churnops-alerts", settings.alertTopicArn());
        assertEquals("ChurnOps", settings.metricsNamespace());
        assertNull(settings.modelPackageGroup());
        assertNull(settings.region());
        assertFalse(settings.inLambda());
        assertEquals(TrainingSettings.builder("churnops-data-dev").build(), settings.training());
        assertEquals("ml.m5.large", settings.training().instanceType());
        assertEquals(10, settings.training().volumeSizeGb());
        assertEquals(3600, settings.training().maxRuntimeSeconds());
        assertEquals("churn", settings.settings().modelName());
    }

    @Test
    void readsEveryVariableOfTheContract() {
        Map<String, String> env = required();
        env.put("CHURNOPS_TRAINING_IMAGE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churnops-training:1.0");
        env.put("CHURNOPS_SAGEMAKER_ROLE_ARN", "arn:aws:iam::123456789012:role/churnops-training");
        env.put("CHURNOPS_TRAINING_INSTANCE_TYPE", "ml.c5.xlarge");
        env.put("CHURNOPS_TRAINING_VOLUME_GB", "50");
        env.put("CHURNOPS_TRAINING_MAX_SECONDS", "7200");
        env.put("CHURNOPS_KMS_KEY_ARN", "arn:aws:kms:eu-west-1:123456789012:key/k-1");
        env.put("CHURNOPS_MODEL_PACKAGE_GROUP", "churn-models");
        env.put("CHURNOPS_METRICS_NAMESPACE", "ChurnOps/prod");
        env.put("CHURNOPS_MODEL_NAME", "churn-eu");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "churnops-validate-data");

        AwsSettings settings = AwsSettings.from(env);

        assertEquals(new TrainingSettings("churnops-data-dev", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churnops-training:1.0",
                "arn:aws:iam::123456789012:role/churnops-training", "ml.c5.xlarge", 50, 7200,
                "arn:aws:kms:eu-west-1:123456789012:key/k-1"), settings.training());
        assertEquals("churn-models", settings.modelPackageGroup());
        assertEquals("ChurnOps/prod", settings.metricsNamespace());
        assertEquals("eu-west-1", settings.region());
        assertTrue(settings.inLambda());
        assertEquals("churn-eu", settings.settings().modelName());
    }

    @Test
    void aMissingBucketFailsNamingTheVariable() {
        Map<String, String> env = required();
        env.remove("CHURNOPS_BUCKET");

        assertTrue(failure(env).startsWith("CHURNOPS_BUCKET is not set"), failure(env));
    }

    @Test
    void aBlankTopicFailsNamingTheVariable() {
        Map<String, String> env = required();
        env.put("CHURNOPS_ALERT_TOPIC_ARN", " ");

        assertTrue(failure(env).startsWith("CHURNOPS_ALERT_TOPIC_ARN is not set"), failure(env));
    }

    @Test
    void refusesABucketGivenAsAUri() {
        Map<String, String> env = required();
        env.put("CHURNOPS_BUCKET", "s3://churnops-data-dev");

        assertTrue(failure(env).startsWith("CHURNOPS_BUCKET is 's3://churnops-data-dev'"), failure(env));
    }

    @Test
    void refusesATopicNameForATopicArn() {
        Map<String, String> env = required();
        env.put("CHURNOPS_ALERT_TOPIC_ARN", "churnops-alerts");

        assertTrue(failure(env).startsWith("CHURNOPS_ALERT_TOPIC_ARN is 'churnops-alerts'"), failure(env));
    }

    @Test
    void namesTheTrainingVariableThatIsInvalid() {
        Map<String, String> volume = required();
        volume.put("CHURNOPS_TRAINING_VOLUME_GB", "ten");
        Map<String, String> seconds = required();
        seconds.put("CHURNOPS_TRAINING_MAX_SECONDS", "0");
        Map<String, String> role = required();
        role.put("CHURNOPS_SAGEMAKER_ROLE_ARN", "churnops-training");
        Map<String, String> type = required();
        type.put("CHURNOPS_TRAINING_INSTANCE_TYPE", "m5.large");

        assertTrue(failure(volume).startsWith("CHURNOPS_TRAINING_VOLUME_GB is 'ten': expected a whole number of GB"),
                failure(volume));
        assertTrue(failure(seconds).startsWith("CHURNOPS_TRAINING_MAX_SECONDS is '0'"), failure(seconds));
        assertTrue(failure(role).startsWith("CHURNOPS_SAGEMAKER_ROLE_ARN: TrainingSettings.roleArn is 'churnops-training'"),
                failure(role));
        assertTrue(failure(type).startsWith("CHURNOPS_TRAINING_INSTANCE_TYPE: TrainingSettings.instanceType is 'm5.large'"),
                failure(type));
    }

    @Test
    void namesAnInvalidPackageGroupOrNamespace() {
        Map<String, String> group = required();
        group.put("CHURNOPS_MODEL_PACKAGE_GROUP", "churn models");
        Map<String, String> namespace = required();
        namespace.put("CHURNOPS_METRICS_NAMESPACE", "Churn Ops");

        assertTrue(failure(group).startsWith("CHURNOPS_MODEL_PACKAGE_GROUP is 'churn models'"), failure(group));
        assertTrue(failure(namespace).startsWith("CHURNOPS_METRICS_NAMESPACE is 'Churn Ops'"), failure(namespace));
    }

    @Test
    void passesOnTheHandlersSettingsErrors() {
        Map<String, String> env = required();
        env.put("CHURNOPS_MAX_QUARANTINE_RATE", "2");

        assertTrue(failure(env).startsWith("CHURNOPS_MAX_QUARANTINE_RATE is '2'"), failure(env));
    }
}
