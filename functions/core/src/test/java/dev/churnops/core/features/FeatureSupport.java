package dev.churnops.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class FeatureSupport {

    private FeatureSupport() {
    }

    /** Same customers, times and values; numbers within {@code relative} of each other (sums may round differently). */
    static void assertSameBatch(FeatureBatch expected, FeatureBatch actual, double relative) {
        assertEquals(expected.schema(), actual.schema());
        assertEquals(expected.size(), actual.size(), "rows");
        for (int r = 0; r < expected.size(); r++) {
            assertEquals(expected.entityId(r), actual.entityId(r), "row " + r);
            assertEquals(expected.eventTime(r), actual.eventTime(r));
            for (int c = 0; c < expected.schema().size(); c++) {
                String where = expected.entityId(r) + " " + expected.schema().columns().get(c).name();
                if (expected.schema().columns().get(c).type() == FeatureSchema.ValueType.STRING) {
                    assertEquals(expected.text(r, c), actual.text(r, c), where);
                } else {
                    double e = expected.number(r, c);
                    double a = actual.number(r, c);
                    if (Double.isNaN(e) || relative == 0) {
                        assertEquals(e, a, 0.0, where);
                    } else {
                        assertEquals(e, a, relative * Math.max(1, Math.abs(e)), where);
                    }
                }
            }
        }
    }
}
