package dev.churnops.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    @Test
    void usesTheStatedDefaultsWhenNothingIsSet() {
        assertEquals(new Services.Settings("churn", "unknown", 0.05), Services.Settings.from(Map.of()));
    }

    @Test
    void readsEveryVariable() {
        Services.Settings settings = Services.Settings.from(Map.of("CHURNOPS_MODEL_NAME", "churn-eu",
                "CHURNOPS_CODE_VERSION", "1.4.0+abc123", "CHURNOPS_MAX_QUARANTINE_RATE", "0.1"));

        assertEquals(new Services.Settings("churn-eu", "1.4.0+abc123", 0.1), settings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "5%", "1.5", "-0.1", "NaN", ""})
    void rejectsABadMaxQuarantineRateNamingTheVariableAndTheValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Services.Settings.from(Map.of("CHURNOPS_MAX_QUARANTINE_RATE", value)));

        assertTrue(e.getMessage().contains("CHURNOPS_MAX_QUARANTINE_RATE"), e::getMessage);
        assertTrue(e.getMessage().contains("'" + value + "'"), e::getMessage);
        assertTrue(e.getMessage().contains("[0, 1]"), e::getMessage);
    }

    @Test
    void rejectsABadModelNameNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Services.Settings.from(Map.of("CHURNOPS_MODEL_NAME", "churn model")));

        assertTrue(e.getMessage().contains("CHURNOPS_MODEL_NAME"), e::getMessage);
        assertTrue(e.getMessage().contains("churn model"), e::getMessage);
    }
}
