package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.cdk.config.StageConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The dashboard and the alarms, in every stage. */
class ObservabilityStackTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void dashboardShowsTrafficModelOutputsDataAndWorkflows(String stage) {
        SynthesizedStage s = SynthesizedStage.of(stage);
        JsonNode dashboard = Templates.resources(s.template(s.stacks().observability()), "AWS::CloudWatch::Dashboard")
                .values().iterator().next();
        assertEquals("churnops-" + stage, dashboard.path("Properties").path("DashboardName").asText());
        String body = Templates.literalText(dashboard.path("Properties").path("DashboardBody"));
        for (String title : List.of("API requests", "API latency (ms)", "API errors", "Scoring function",
                "Score distribution", "Churn probability", "Drift per feature", "Business KPIs", "Data quality: rows",
                "Data quality: quarantine rate", "Workflow executions")) {
            assertTrue(body.contains("\"title\":\"" + title), () -> "no widget '" + title + "' in " + stage);
        }
        assertTrue(body.contains("SEARCH('Namespace=\\\"ChurnOps/" + stage + "\\\" MetricName=\\\"FeatureDrift\\\"'"), body);
        assertTrue(body.contains("MetricName=\\\"QuarantineRate\\\""), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void alarmsCoverFailedWorkflowsTheApiAndTheIngestionTrigger(String stage) {
        SynthesizedStage s = SynthesizedStage.of(stage);
        Template t = s.assertions(s.stacks().observability());
        for (String name : List.of("ingestion-failed", "feature-materialization-failed", "training-failed", "batch-scoring-failed", "monitoring-failed", "api-5xx-rate",
                "api-p99-latency", "ingestion-trigger-failed")) {
            t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("AlarmName", "churnops-" + stage + "-" + name)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyAlarmOfTheStageNotifiesTheAlertTopic(String stage) {
        SynthesizedStage s = SynthesizedStage.of(stage);
        boolean enabled = StageConfig.of(stage).alarms().actionsEnabled();
        int alarms = 0;
        for (var template : s.templates().entrySet()) {
            for (var alarm : Templates.resources(template.getValue(), "AWS::CloudWatch::Alarm").entrySet()) {
                JsonNode p = alarm.getValue().path("Properties");
                for (String actions : List.of("AlarmActions", "OKActions")) {
                    assertEquals(1, p.path(actions).size(), alarm.getKey() + " " + actions);
                    String target = p.path(actions).get(0).toString();
                    assertTrue(target.contains("AlertsTopic"), () -> alarm.getKey() + " notifies " + target);
                }
                assertEquals(enabled, p.path("ActionsEnabled").asBoolean(), alarm.getKey());
                alarms++;
            }
        }
        assertEquals(11, alarms, "alarms in " + stage);
    }
}
