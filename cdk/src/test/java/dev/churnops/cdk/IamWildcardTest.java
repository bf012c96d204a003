package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No identity policy of any stage grants every action of a service, and Resource "*" appears only
 * with actions IAM cannot scope (tracing, log delivery, the ECR token, namespaced metrics), never
 * on data or model resources.
 */
class IamWildcardTest {

    /** Actions that support no resource-level permissions. */
    private static final Set<String> RESOURCELESS = Set.of(
            "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
            "ecr:GetAuthorizationToken", "cloudwatch:PutMetricData");

    private static List<Templates.Statement> statements(String stage) {
        List<Templates.Statement> all = new ArrayList<>();
        SynthesizedStage.of(stage).templates().forEach((stack, t) -> all.addAll(Templates.identityStatements(stack, t)));
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void noStatementGrantsEveryActionOfAService(String stage) {
        for (Templates.Statement s : statements(stage)) {
            for (String action : s.actions()) {
                assertTrue(!action.equals("*") && !action.endsWith(":*"), () -> "wildcard action in " + s);
            }
            assertTrue(s.json().path("NotAction").isMissingNode() && s.json().path("NotResource").isMissingNode(), s::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void resourceStarOnlyWithActionsThatCannotBeScoped(String stage) {
        for (Templates.Statement s : statements(stage)) {
            boolean star = s.resources().stream().anyMatch(r -> r.isTextual() && r.asText().equals("*"));
            if (!star) {
                continue;
            }
            for (String action : s.actions()) {
                assertTrue(RESOURCELESS.contains(action), () -> action + " on Resource \"*\" in " + s);
            }
            if (s.actions().contains("cloudwatch:PutMetricData")) {
                assertTrue(!s.json().path("Condition").path("StringEquals").path("cloudwatch:namespace").isMissingNode(),
                        () -> "PutMetricData without a namespace condition in " + s);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void objectAccessIsByLakePrefixNeverTheWholeBucket(String stage) {
        for (Templates.Statement s : statements(stage)) {
            boolean objects = s.actions().stream().anyMatch(a -> a.equals("s3:GetObject") || a.equals("s3:PutObject")
                    || a.equals("s3:DeleteObject"));
            if (!objects) {
                continue;
            }
            for (JsonNode r : s.resources()) {
                String text = Templates.literalText(r);
                assertTrue(text.matches("<ref>(/[a-z-]+)+/\\*"), () -> "object access on " + text + " in " + s);
            }
        }
    }
}
