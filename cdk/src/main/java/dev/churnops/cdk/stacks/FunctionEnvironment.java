package dev.churnops.cdk.stacks;

import dev.churnops.cdk.config.StageConfig;
import dev.churnops.cdk.constructs.Alerts;
import dev.churnops.cdk.constructs.DataLake;
import dev.churnops.cdk.constructs.FeatureStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment every function reads (the AWS adapter set of functions/aws and Powertools): the
 * adapters, the lake, the online feature store's group (CHURNOPS_FEATURE_GROUP), the alert topic,
 * the model, the metrics namespace and the log level. The training variables
 * (CHURNOPS_TRAINING_*, CHURNOPS_SAGEMAKER_ROLE_ARN, CHURNOPS_KMS_KEY_ARN,
 * CHURNOPS_MODEL_PACKAGE_GROUP) are added where those resources are made.
 */
final class FunctionEnvironment {

    /** The model the functions train and serve (CHURNOPS_MODEL_NAME). */
    static final String MODEL_NAME = "churn";

    private FunctionEnvironment() {
    }

    static Map<String, String> of(StageConfig stage, DataLake lake, FeatureStore featureStore, Alerts alerts,
                                  String codeVersion, String service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CHURNOPS_ADAPTERS", "aws");
        env.put("CHURNOPS_BUCKET", lake.bucket().getBucketName());
        env.put("CHURNOPS_FEATURE_GROUP", featureStore.featureGroupName());
        env.put("CHURNOPS_ALERT_TOPIC_ARN", alerts.topic().getTopicArn());
        env.put("CHURNOPS_MODEL_NAME", MODEL_NAME);
        env.put("CHURNOPS_CODE_VERSION", codeVersion);
        env.put("CHURNOPS_MAX_QUARANTINE_RATE", Double.toString(stage.alarms().maxQuarantineRate()));
        env.put("CHURNOPS_METRICS_NAMESPACE", stage.metricsNamespace());
        env.put("POWERTOOLS_SERVICE_NAME", service);
        env.put("POWERTOOLS_METRICS_NAMESPACE", stage.metricsNamespace());
        env.put("POWERTOOLS_LOG_LEVEL", stage.functions().logLevel());
        return env;
    }
}
