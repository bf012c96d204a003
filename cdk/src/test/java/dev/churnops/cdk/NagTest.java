package dev.churnops.cdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.cdk.nag.Suppressions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cdk-nag's AwsSolutions pack on every stage: no finding left, few suppressions, each justified. */
class NagTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyStagePassesAwsSolutionsChecks(String stage) {
        List<String> findings = SynthesizedStage.of(stage).nagFindings();
        assertTrue(findings.isEmpty(), () -> findings.size() + " cdk-nag findings in " + stage + ":\n" + String.join("\n", findings));
    }

    @Test
    void atMostTenSuppressionsEachNamingItsRuleAndReason() {
        assertTrue(Suppressions.ALL.size() <= 10, Suppressions.ALL.size() + " suppressions");
        for (var s : Suppressions.ALL) {
            assertTrue(s.getId().startsWith("AwsSolutions-"), s.getId());
            assertTrue(s.getReason().length() >= 80, () -> s.getId() + " has a thin reason: " + s.getReason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void onlyTheListedSuppressionsReachTheTemplates(String stage) {
        Set<String> listed = new TreeSet<>();
        Suppressions.ALL.forEach(s -> listed.add(s.getId() + " " + s.getReason()));
        Set<String> applied = new TreeSet<>();
        SynthesizedStage.of(stage).templates().values().forEach(t -> collect(t, applied));
        assertTrue(listed.containsAll(applied), () -> "suppressions not in Suppressions.ALL: " + applied);
    }

    /** cdk-nag records suppressions in each resource's Metadata.cdk_nag.rules_to_suppress. */
    private static void collect(JsonNode template, Set<String> applied) {
        template.path("Resources").forEach(r -> r.path("Metadata").path("cdk_nag").path("rules_to_suppress")
                .forEach(s -> applied.add(s.path("id").asText() + " " + s.path("reason").asText())));
        template.path("Metadata").path("cdk_nag").path("rules_to_suppress")
                .forEach(s -> applied.add(s.path("id").asText() + " " + s.path("reason").asText()));
    }
}
