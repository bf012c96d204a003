package dev.churnops.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final double EPS = 1e-12;
    private static final boolean T = true;
    private static final boolean F = false;

    // Validation: max-F1 threshold is 0.6 (see ThresholdSelectorTest).
    private static final double[] VALIDATION_SCORES = {0.5, 0.95, 0.3, 0.8, 0.1, 0.9, 0.6, 0.2, 0.7, 0.4};
    private static final boolean[] VALIDATION_LABELS = {F, T, T, F, F, T, T, F, T, F};
    // Test: on its own its best-F1 threshold would be 0.35, so a 0.35 in the report would mean leakage.
    private static final double[] TEST_SCORES = {0.1, 0.4, 0.35, 0.8, 0.65, 0.2};
    private static final boolean[] TEST_LABELS = {F, T, T, T, F, F};

    @Test
    void choosesThresholdOnValidationAndMeasuresOnTest() {
        EvaluationReport report = evaluate();
        assertEquals(0.6, report.thresholdChoice().threshold());
        assertEquals(0.6, report.testMetrics().threshold());
        assertEquals(0.35, ThresholdSelector.choose(TEST_SCORES, TEST_LABELS, ThresholdObjective.maxF1()).threshold());
        // On test at 0.6: flagged 0.8 (churn) and 0.65 (stay); 0.4 and 0.35 churn unflagged.
        assertEquals(new ConfusionMatrix(1, 1, 2, 2), report.confusionMatrix());
        assertEquals(0.5, report.testMetrics().precision(), EPS);
        assertEquals(1.0 / 3.0, report.testMetrics().recall(), EPS);
        assertEquals(0.4, report.testMetrics().f1(), EPS);
        assertEquals(0.5, report.testMetrics().accuracy(), EPS);
        assertEquals(BinaryMetrics.rocAuc(TEST_SCORES, TEST_LABELS), report.testMetrics().rocAuc(), EPS);
        assertEquals(BinaryMetrics.prAuc(TEST_SCORES, TEST_LABELS), report.testMetrics().prAuc(), EPS);
        assertEquals(BusinessImpact.compute(BusinessAssumptions.defaults(), report.confusionMatrix()),
                report.businessImpact());
        assertEquals(BinaryMetrics.SWEEP_POINTS, report.thresholdSweep().size());
        assertEquals(7, report.rocCurve().size());
    }

    @Test
    void serialisesWithSnakeCaseNamesAndObjectiveAsText() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(mapper.writeValueAsString(evaluate()));
        assertEquals("max-f1", json.at("/threshold_choice/objective").asText());
        assertTrue(json.at("/threshold_choice/target_met").asBoolean());
        assertEquals(0.6, json.at("/test_metrics/threshold").asDouble());
        assertTrue(json.at("/test_metrics/roc_auc").isNumber());
        assertTrue(json.at("/test_metrics/weighted_f1").isNumber());
        assertTrue(json.at("/test_metrics/pr_auc").isNumber());
        assertEquals(1, json.at("/confusion_matrix/tp").asInt());
        assertTrue(json.at("/roc_curve/0/fpr").isNumber());
        assertTrue(json.at("/pr_curve/0/precision").isNumber());
        assertTrue(json.at("/threshold_sweep/0/f1").isNumber());
        assertEquals(0.08, json.at("/business_impact/assumptions/base_churn_rate").asDouble());
        assertTrue(json.at("/business_impact/saved_share_of_base").isNumber());
        assertTrue(json.at("/business_impact/formula").asText().startsWith("Flagged share = "));
        // No camelCase leaks through from accessor names.
        assertTrue(json.at("/test_metrics/rocAuc").isMissingNode());
        assertTrue(json.at("/confusion_matrix/precision").isMissingNode());
    }

    @Test
    void jsonReadsBackToAnEqualReport() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        EvaluationReport report = evaluate(ThresholdObjective.parse("recall>=0.65"));
        assertEquals(report, mapper.readValue(mapper.writeValueAsString(report), EvaluationReport.class));
    }

    @Test
    void rejectsMismatchedTestArraysNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(
                VALIDATION_SCORES, VALIDATION_LABELS, TEST_SCORES, new boolean[] {T, F},
                ThresholdObjective.maxF1(), BusinessAssumptions.defaults()));
        assertEquals("testScores has 6 elements but testLabels has 2; expected one label per score.", e.getMessage());
    }

    @Test
    void rejectsSingleClassValidationLabelsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(
                new double[] {0.1, 0.2}, new boolean[] {T, T}, TEST_SCORES, TEST_LABELS,
                ThresholdObjective.maxF1(), BusinessAssumptions.defaults()));
        assertTrue(e.getMessage().startsWith("validationLabels contains only churners (true)"), e.getMessage());
    }

    private static EvaluationReport evaluate() {
        return evaluate(ThresholdObjective.maxF1());
    }

    private static EvaluationReport evaluate(ThresholdObjective objective) {
        return Evaluator.evaluate(VALIDATION_SCORES, VALIDATION_LABELS, TEST_SCORES, TEST_LABELS,
                objective, BusinessAssumptions.defaults());
    }
}
