package dev.churnops.cdk.constructs;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Where every alert goes: one SNS topic, encrypted with its own KMS key and accepting TLS
 * requests only. The state machines' failure paths publish to it (their {@code ${AlertTopicArn}})
 * and every alarm notifies it ({@link #notify(Alarm)}); people subscribe by e-mail.
 */
public final class Alerts extends Construct {

    /**
     * @param topicName the topic's name
     * @param emails addresses subscribed to the topic
     * @param alarmActionsEnabled false keeps the alarms' state (and the canary's rollback on it) but sends nothing
     * @param removalPolicy what deleting the stack does to the key
     */
    public record Props(String topicName, List<String> emails, boolean alarmActionsEnabled, RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(topicName, "Alerts.Props.topicName");
            emails = List.copyOf(emails);
            Objects.requireNonNull(removalPolicy, "Alerts.Props.removalPolicy");
        }

        /** Defaults: topic churnops-alerts, no subscriptions, alarm actions enabled, RETAIN. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String topicName = "churnops-alerts";
            private List<String> emails = List.of();
            private boolean alarmActionsEnabled = true;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

            public Builder topicName(String value) {
                topicName = value;
                return this;
            }

            public Builder emails(List<String> value) {
                emails = value;
                return this;
            }

            public Builder alarmActionsEnabled(boolean value) {
                alarmActionsEnabled = value;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy value) {
                removalPolicy = value;
                return this;
            }

            public Props build() {
                return new Props(topicName, emails, alarmActionsEnabled, removalPolicy);
            }
        }
    }

    private final Key key;
    private final Topic topic;
    private final boolean alarmActionsEnabled;

    public Alerts(Construct scope, String id, Props props) {
        super(scope, id);
        alarmActionsEnabled = props.alarmActionsEnabled();
        key = Key.Builder.create(this, "Key")
                .description("ChurnOps alert topic")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(7))
                .removalPolicy(props.removalPolicy())
                .build();
        // CloudWatch alarms publish as the CloudWatch service, which needs the key of an encrypted topic.
        key.addToResourcePolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        topic = Topic.Builder.create(this, "Topic")
                .topicName(props.topicName())
                .masterKey(key)
                .enforceSsl(true)
                .build();
        for (String email : props.emails()) {
            topic.addSubscription(new EmailSubscription(email));
        }
    }

    /** Lets {@code grantee} publish to the topic: {@code sns:Publish} on it and the key use encryption needs. */
    public void grantPublish(IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("sns:Publish")).resources(List.of(topic.getTopicArn())).build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey")).resources(List.of(key.getKeyArn())).build());
    }

    /** Sends the alarm's ALARM and OK transitions to the topic (when the stage enables alarm actions). */
    public void notify(Alarm alarm) {
        SnsAction action = new SnsAction(topic);
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        ((CfnAlarm) alarm.getNode().getDefaultChild()).setActionsEnabled(alarmActionsEnabled);
    }

    public Topic topic() {
        return topic;
    }

    public Key key() {
        return key;
    }
}
