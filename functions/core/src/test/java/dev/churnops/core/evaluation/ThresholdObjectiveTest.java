package dev.churnops.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ThresholdObjectiveTest {

    @Test
    void parsesMaxF1AsTheDefaultObjective() {
        assertEquals(ThresholdObjective.maxF1(), ThresholdObjective.parse("max-f1"));
        assertEquals(ThresholdObjective.maxF1(), ThresholdObjective.parse(" MAX-F1 "));
    }

    @Test
    void parsesPrecisionAndRecallTargets() {
        assertEquals(ThresholdObjective.minPrecision(0.6), ThresholdObjective.parse("precision>=0.6"));
        assertEquals(ThresholdObjective.minRecall(0.65), ThresholdObjective.parse("recall>=0.65"));
        assertEquals(ThresholdObjective.minRecall(0.65), ThresholdObjective.parse("Recall >= .65"));
        assertEquals(ThresholdObjective.minPrecision(1.0), ThresholdObjective.parse("precision>=1"));
    }

    @Test
    void specIsTheShortFormParseReadsBack() {
        for (ThresholdObjective objective : new ThresholdObjective[] {
                ThresholdObjective.maxF1(), ThresholdObjective.minPrecision(0.6), ThresholdObjective.minRecall(0.65)}) {
            assertEquals(objective, ThresholdObjective.parse(objective.spec()));
        }
        assertEquals("precision>=0.6", ThresholdObjective.minPrecision(0.6).spec());
        assertEquals("recall>=0.65", ThresholdObjective.minRecall(0.65).spec());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f1", "precision>0.6", "precision>=", "accuracy>=0.9", "precision>=-0.1", ""})
    void rejectsUnknownTextNamingTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdObjective.parse(text));
        assertTrue(e.getMessage().startsWith("Threshold objective '" + text + "' is not recognised"), e.getMessage());
        assertTrue(e.getMessage().contains("expected one of 'max-f1', 'max-profit', 'precision>=T' or 'recall>=T'"),
                e.getMessage());
    }

    @Test
    void parsesMaxProfitWithoutATarget() {
        assertEquals(ThresholdObjective.maxProfit(), ThresholdObjective.parse("max-profit"));
        assertEquals(ThresholdObjective.maxProfit(), ThresholdObjective.parse(" Max-Profit "));
        assertEquals("max-profit", ThresholdObjective.maxProfit().spec());
        assertEquals(ThresholdObjective.maxProfit(), ThresholdObjective.parse(ThresholdObjective.maxProfit().spec()));
        assertTrue(ThresholdObjective.maxProfit().describe().contains("expected net value"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ThresholdObjective(ThresholdObjective.Kind.MAX_PROFIT, 0.5));
        assertTrue(e.getMessage().contains("MAX_PROFIT takes no target"), e.getMessage());
    }

    @Test
    void rejectsAMisspeltMaxProfitListingEveryValidObjective() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdObjective.parse("max-profits"));
        assertEquals("Threshold objective 'max-profits' is not recognised; expected one of 'max-f1', 'max-profit',"
                + " 'precision>=T' or 'recall>=T' with T a decimal in [0, 1], for example 'precision>=0.6'.", e.getMessage());
    }

    @Test
    void rejectsTargetAboveOneNamingValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdObjective.parse("recall>=1.5"));
        assertEquals("Threshold objective 'recall>=1.5' has target 1.5 but the target must be a fraction in [0, 1],"
                + " for example 0.6.", e.getMessage());
    }

    @Test
    void rejectsNullText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdObjective.parse(null));
        assertTrue(e.getMessage().startsWith("Threshold objective is null"), e.getMessage());
    }

    @Test
    void rejectsTargetOutsideUnitIntervalInConstructor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdObjective.minPrecision(Double.NaN));
        assertTrue(e.getMessage().contains("target is NaN for MIN_PRECISION"), e.getMessage());
    }

    @Test
    void describesEachObjectiveInASentence() {
        assertTrue(ThresholdObjective.maxF1().describe().contains("maximises F1"));
        assertTrue(ThresholdObjective.minPrecision(0.6).describe()
                .contains("highest recall) while at least 60% of flagged customers really churn (precision >= 0.6)"));
        assertTrue(ThresholdObjective.minRecall(0.65).describe()
                .contains("(highest precision) while still catching at least 65% of churners (recall >= 0.65)"));
    }
}
