package dev.churnops.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportContentTest {

    @Test
    void rowCountsMustAddUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RowCounts(100, 90, 5));
        assertEquals("RowCounts.valid (90) + quarantined (5) is 95 but must equal input (100):"
                + " every row ends up valid or quarantined.", e.getMessage());
    }

    @Test
    void rejectsBlankTitle() {
        ReportContent valid = ReportFixtures.content();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReportContent(" ",
                valid.executionId(), valid.modelVersion(), valid.algorithm(), valid.dataFingerprint(),
                valid.codeVersion(), valid.rows(), valid.evaluation(), valid.topFeatures(), valid.candidates(),
                valid.gate(), valid.notes()));
        assertEquals("ReportContent.title is blank but must name the report, for example 'Churn model report'.",
                e.getMessage());
    }

    @Test
    void rejectsNonFiniteImportanceNamingTheFeature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeatureImportance("tenure", Double.NaN));
        assertEquals("FeatureImportance.importance of 'tenure' is NaN but must be a finite number.", e.getMessage());
    }

    @Test
    void copiesListsSoLaterChangesDoNotLeakIn() {
        ReportContent valid = ReportFixtures.content();
        List<String> notes = new ArrayList<>(List.of("first"));
        ReportContent content = new ReportContent(valid.title(), valid.executionId(), valid.modelVersion(),
                valid.algorithm(), valid.dataFingerprint(), valid.codeVersion(), valid.rows(), valid.evaluation(),
                valid.topFeatures(), valid.candidates(), valid.gate(), notes);
        notes.add("second");
        assertEquals(List.of("first"), content.notes());
    }
}
