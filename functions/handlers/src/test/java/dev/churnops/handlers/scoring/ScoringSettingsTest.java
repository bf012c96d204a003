package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoringSettingsTest {

    @Test
    void statesItsDefaultsAndIsClosedByDefault() {
        ScoringSettings defaults = ScoringSettings.builder().build();

        assertEquals(1000, defaults.maxCustomers());
        assertEquals(262_144, defaults.maxBodyBytes());
        assertEquals(Set.of(), defaults.apiKeys());
        assertEquals("churn", defaults.modelName());
        assertEquals(defaults, ScoringSettings.from(Map.of()));
    }

    @Test
    void readsEveryVariable() {
        ScoringSettings s = ScoringSettings.from(Map.of("CHURNOPS_API_KEYS", " key-one , key-two", "CHURNOPS_MAX_BODY_BYTES",
                "65536", "CHURNOPS_MAX_CUSTOMERS", "250", "CHURNOPS_MODEL_NAME", "churn-telco"));

        assertEquals(Set.of("key-one", "key-two"), s.apiKeys());
        assertEquals(65536, s.maxBodyBytes());
        assertEquals(250, s.maxCustomers());
        assertEquals("churn-telco", s.modelName());
    }

    @Test
    void aBlankKeyListMeansNoKeys() {
        assertEquals(Set.of(), ScoringSettings.from(Map.of("CHURNOPS_API_KEYS", "  ")).apiKeys());
    }

    @Test
    void namesTheVariableAndValueThatIsNotANumberInRange() {
        IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
                () -> ScoringSettings.from(Map.of("CHURNOPS_MAX_BODY_BYTES", "256k")));
        IllegalArgumentException customers = assertThrows(IllegalArgumentException.class,
                () -> ScoringSettings.from(Map.of("CHURNOPS_MAX_CUSTOMERS", "0")));

        assertEquals("CHURNOPS_MAX_BODY_BYTES is '256k': expected a whole number of bytes from 1 to 6291456 "
                + "(default 262144).", bytes.getMessage());
        assertEquals("CHURNOPS_MAX_CUSTOMERS is '0': expected a whole number of customers from 1 to 10000 "
                + "(default 1000).", customers.getMessage());
    }

    @Test
    void namesTheModelNameVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoringSettings.from(Map.of("CHURNOPS_MODEL_NAME", "churn model")));

        assertTrue(e.getMessage().startsWith("CHURNOPS_MODEL_NAME is 'churn model': "), e.getMessage());
    }

    @Test
    void reportsAnEmptyKeyByPositionWithoutShowingTheOtherKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoringSettings.from(Map.of("CHURNOPS_API_KEYS", "secret-one,,secret-two")));

        assertTrue(e.getMessage().startsWith("CHURNOPS_API_KEYS has an empty key at position [2]"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void neverShowsTheKeysInToString() {
        ScoringSettings s = ScoringSettings.builder().apiKeys(Set.of("secret-one", "secret-two")).build();

        assertFalse(s.toString().contains("secret"), s.toString());
        assertTrue(s.toString().contains("2 key(s)"), s.toString());
    }

    @Test
    void builderRefusesValuesOutOfRangeNamingTheField() {
        IllegalArgumentException customers = assertThrows(IllegalArgumentException.class,
                () -> ScoringSettings.builder().maxCustomers(10_001).build());
        IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
                () -> ScoringSettings.builder().maxBodyBytes(0).build());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> ScoringSettings.builder().apiKeys(Set.of(" ")).build());

        assertTrue(customers.getMessage().startsWith("ScoringSettings.maxCustomers is 10001"), customers.getMessage());
        assertTrue(bytes.getMessage().startsWith("ScoringSettings.maxBodyBytes is 0"), bytes.getMessage());
        assertTrue(blank.getMessage().contains("blank key"), blank.getMessage());
    }

    @Test
    void readsWhoChecksKeysAndRefusesKeysInTwoPlaces() {
        assertEquals(ScoringSettings.KeyCheck.HANDLER, ScoringSettings.from(Map.of()).keyCheck());
        assertEquals(ScoringSettings.KeyCheck.API_GATEWAY,
                ScoringSettings.from(Map.of("CHURNOPS_API_KEY_CHECK", "api-gateway")).keyCheck());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ScoringSettings.from(Map.of("CHURNOPS_API_KEY_CHECK", "gateway")));
        assertTrue(unknown.getMessage().startsWith("CHURNOPS_API_KEY_CHECK is 'gateway': expected 'handler'"),
                unknown.getMessage());

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> ScoringSettings.from(
                Map.of("CHURNOPS_API_KEY_CHECK", "api-gateway", "CHURNOPS_API_KEYS", "secret-key")));
        assertTrue(both.getMessage().contains("unset CHURNOPS_API_KEYS"), both.getMessage());
        assertFalse(both.getMessage().contains("secret-key"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScoringSettings.builder().apiKeys(Set.of("k"))
                .keyCheck(ScoringSettings.KeyCheck.API_GATEWAY).build());
    }
}
