package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.ThresholdObjective;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishReportTest {

    private final PipelineFixture fixture = new PipelineFixture();
    private BuildTrainingSet.Result set;
    private EvaluateCandidate.Result evaluation;

    @BeforeEach
    void evaluatedCandidate() {
        fixture.ingest();
        set = fixture.trainingSet("train-1");
        String candidate = fixture.trainCandidate("train-1", set.trainingSetPrefix(), PipelineFixture.LOGISTIC);
        evaluation = new EvaluateCandidate(fixture.blobs, fixture.registry).run(new EvaluateCandidate.Command("train-1",
                PipelineFixture.MODEL_NAME, candidate, set.trainingSetPrefix(), ThresholdObjective.maxF1(),
                BusinessAssumptions.defaults()));
    }

    private String publish(String decisionKey) {
        String key = new PublishReport(fixture.blobs).run(new PublishReport.Command("train-1", evaluation.evaluationKey(),
                decisionKey, set.dataFingerprint(), "git-abc123", 304, 300, 4,
                Map.of("train_seconds.logistic_regression", 1.25)));
        return key;
    }

    @Test
    void writesTheReportUnderTheExecutionWithTheTestRocAuc() {
        String key = publish(null);

        assertEquals("reports/train-1/index.html", key);
        String html = fixture.blobs.text(key);
        assertTrue(html.contains(String.format(Locale.ROOT, "%.4f", evaluation.candidateRocAuc())), "ROC-AUC in the report");
        assertTrue(html.contains(set.dataFingerprint()), "data fingerprint in the report");
        assertTrue(html.contains("git-abc123"), "code version in the report");
        assertTrue(html.contains("logistic_regression"));
    }

    @Test
    void showsTheGateDecisionOnceRegistered() {
        RegisterCandidate.Result registered = new RegisterCandidate(fixture.blobs, fixture.registry).run(
                new RegisterCandidate.Command("train-1", PipelineFixture.MODEL_NAME, evaluation.evaluationKey(), true,
                        set.dataFingerprint(), "git-abc123", Map.of()));

        String html = fixture.blobs.text(publish(registered.decisionKey()));

        assertTrue(html.contains("Approved for promotion"), "gate decision in the report");
        assertTrue(html.contains("champion none yet"), "no champion yet");
    }

    @Test
    void leavesTheGateOutBeforeADecisionExists() {
        String html = fixture.blobs.text(publish("evaluations/train-1/decision.json"));
        assertFalse(html.contains("Approved for promotion"));
        assertFalse(html.contains("Not promoted"));
    }

    @Test
    void showsTheReasonCodesOfTheTenRiskiestTestCustomers() {
        String candidate = fixture.trainCandidate("train-1", set.trainingSetPrefix(), PipelineFixture.FOREST);
        evaluation = new EvaluateCandidate(fixture.blobs, fixture.registry).run(new EvaluateCandidate.Command("train-1",
                PipelineFixture.MODEL_NAME, candidate, set.trainingSetPrefix(), ThresholdObjective.maxF1(),
                BusinessAssumptions.defaults()));

        String html = fixture.blobs.text(publish(null));

        int start = html.indexOf("<section id=\"reasons\">");
        assertTrue(start >= 0, "a reason-code section");
        String section = html.substring(start, html.indexOf("</section>", start));
        assertTrue(section.contains("the 10 riskiest test customers"), section);
        assertEquals(11, section.split("<tr>", -1).length - 1, "a header row and 10 customers: " + section);
        assertTrue(section.contains("<code>"), "reasons name columns: " + section);
        assertTrue(html.contains("<a href=\"#reasons\">Reason codes</a>"));
    }
}
