package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DriftConfigTest {

    private static DriftConfig read(String json) {
        return DriftConfig.read(json.getBytes(StandardCharsets.UTF_8), "drift config");
    }

    @Test
    void statesItsDefaults() {
        DriftConfig config = DriftConfig.defaults();
        assertEquals(1000, config.smallSampleRows());
        assertEquals(0.05, config.alpha());
        assertEquals(DriftConfig.Correction.BENJAMINI_HOCHBERG, config.correction());
        assertEquals(new DriftConfig.Thresholds(0.2, 0.2, 0.1, 0.05, 0.5, 0.05), config.thresholds());
        assertEquals(DriftConfig.Thresholds.DEFAULTS, config.thresholds());
        assertEquals(1e-4, config.smoothingEpsilon());
        assertEquals(0.05, config.completenessTolerance());
        assertEquals(0.5, config.driftShareThreshold());
        assertEquals(config, read("{}"));
    }

    @Test
    void readsEveryFieldFromJson() {
        DriftConfig config = read("{\"small_sample_rows\": 200, \"alpha\": 0.01, \"correction\": \"Holm\","
                + " \"smoothing_epsilon\": 0.001, \"thresholds\": {\"kl\": 0.3}, \"features\": {\"tenure\": {\"js\": 0.2}},"
                + " \"completeness_tolerance\": 0.1, \"drift_share_threshold\": 0.3}");
        assertEquals(200, config.smallSampleRows());
        assertEquals(DriftConfig.Correction.HOLM, config.correction());
        assertEquals(new DriftConfig.Thresholds(0.2, 0.3, 0.2, 0.05, 0.5, 0.05), config.thresholdsFor("tenure"));
        assertEquals(config, read(new String(dev.churnops.core.json.Json.write(config), StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheEffectMinimumsGloballyAndPerFeature() {
        DriftConfig config = read("{\"thresholds\": {\"min_ks_statistic\": 0.08, \"min_share_change\": 0.1},"
                + " \"features\": {\"Contract\": {\"min_share_change\": 0.02, \"psi\": 0.3},"
                + " \"tenure\": {\"min_wasserstein_in_std\": 0.2}}}");
        assertEquals(new DriftConfig.Thresholds(0.2, 0.2, 0.1, 0.08, 0.5, 0.1), config.thresholds());
        assertEquals(new DriftConfig.Thresholds(0.3, 0.2, 0.1, 0.08, 0.5, 0.02), config.thresholdsFor("Contract"));
        assertEquals(new DriftConfig.Thresholds(0.2, 0.2, 0.1, 0.08, 0.2, 0.1), config.thresholdsFor("tenure"));
        assertEquals(config.thresholds(), config.thresholdsFor("MonthlyCharges"));
        String written = new String(dev.churnops.core.json.Json.write(config), StandardCharsets.UTF_8);
        assertEquals(0.02, dev.churnops.core.json.Json.tree(written.getBytes(StandardCharsets.UTF_8), "config")
                .at("/features/Contract/min_share_change").asDouble(), written);
        assertEquals(config, read(written));
    }

    @Test
    void refusesEffectMinimumsOutsideTheirRange() {
        IllegalArgumentException ks = assertThrows(IllegalArgumentException.class,
                () -> read("{\"thresholds\": {\"min_ks_statistic\": 1.5}}"));
        assertTrue(ks.getMessage().contains("'thresholds.min_ks_statistic' is 1.5"), ks.getMessage());
        IllegalArgumentException share = assertThrows(IllegalArgumentException.class,
                () -> read("{\"features\": {\"Contract\": {\"min_share_change\": 0}}}"));
        assertTrue(share.getMessage().contains("'thresholds.min_share_change' is 0.0"), share.getMessage());
        IllegalArgumentException wasserstein = assertThrows(IllegalArgumentException.class,
                () -> read("{\"thresholds\": {\"min_wasserstein_in_std\": -0.1}}"));
        assertTrue(wasserstein.getMessage().contains("'thresholds.min_wasserstein_in_std' is -0.1"),
                wasserstein.getMessage());
    }

    @Test
    void namesTheFieldAndValueThatAreWrong() {
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class, () -> read("{\"alpha\": 1.5}"));
        assertTrue(alpha.getMessage().contains("'alpha' is 1.5"), alpha.getMessage());
        IllegalArgumentException psi = assertThrows(IllegalArgumentException.class,
                () -> read("{\"thresholds\": {\"psi\": -1}}"));
        assertTrue(psi.getMessage().contains("'thresholds.psi' is -1.0"), psi.getMessage());
        IllegalArgumentException correction = assertThrows(IllegalArgumentException.class,
                () -> read("{\"correction\": \"bonferroni\"}"));
        assertTrue(correction.getMessage().contains("bonferroni"), correction.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> read("{\"alfa\": 0.1}"));
        assertTrue(unknown.getMessage().contains("'alfa'"), unknown.getMessage());
        IllegalArgumentException built = assertThrows(IllegalArgumentException.class,
                () -> DriftConfig.builder().smallSampleRows(-1).build());
        assertTrue(built.getMessage().contains("'small_sample_rows' is -1"), built.getMessage());
    }
}
