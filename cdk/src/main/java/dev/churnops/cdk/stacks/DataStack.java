package dev.churnops.cdk.stacks;

import dev.churnops.cdk.config.StageConfig;
import dev.churnops.cdk.constructs.Alerts;
import dev.churnops.cdk.constructs.DataLake;
import dev.churnops.cdk.constructs.FeatureRegistry;
import dev.churnops.cdk.constructs.FeatureStore;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * A stage's state: the data lake, the online feature store (its features from the repository's
 * feature registry), and the alert topic everything reports to.
 */
public final class DataStack extends Stack {

    private final DataLake lake;
    private final FeatureStore featureStore;
    private final Alerts alerts;

    public DataStack(Construct scope, String id, StackProps props, StageConfig stage, FeatureRegistry features) {
        super(scope, id, props);
        lake = new DataLake(this, "Lake", DataLake.Props.builder()
                .encryption(stage.lakeEncryption())
                .removalPolicy(stage.removalPolicy())
                .lifecycle(stage.lifecycle())
                .build());
        featureStore = new FeatureStore(this, "FeatureStore", FeatureStore.Props.builder()
                .featureGroupName(stage.prefix() + "-customers")
                .features(features)
                .lake(lake)
                .removalPolicy(stage.removalPolicy())
                .build());
        alerts = new Alerts(this, "Alerts", Alerts.Props.builder()
                .topicName(stage.prefix() + "-alerts")
                .emails(stage.alarms().emails())
                .alarmActionsEnabled(stage.alarms().actionsEnabled())
                .removalPolicy(stage.removalPolicy())
                .build());
        CfnOutput.Builder.create(this, "LakeBucketName").value(lake.bucket().getBucketName())
                .description("Upload customer files to s3://<this>/raw/<source>/dt=YYYY-MM-DD/ to start ingestion").build();
        CfnOutput.Builder.create(this, "AlertTopicArn").value(alerts.topic().getTopicArn())
                .description("Subscribe to receive alerts").build();
    }

    public DataLake lake() {
        return lake;
    }

    public FeatureStore featureStore() {
        return featureStore;
    }

    public Alerts alerts() {
        return alerts;
    }
}
