package dev.churnops.handlers.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.port.ExperimentTracker;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MlflowSettingsTest {

    @Test
    void noTrackingUriMeansNoTracking() {
        assertEquals(Optional.empty(), MlflowSettings.from(Map.of()));
        assertEquals(Optional.empty(), MlflowSettings.from(Map.of("MLFLOW_TRACKING_URI", "  ")));
        assertEquals(ExperimentTracker.NONE, MlflowTracker.fromEnvironment(Map.of("MLFLOW_TRACKING_TOKEN", "t")));
    }

    @Test
    void readsTheUrlTokenAndExperimentWithStatedDefaults() {
        MlflowSettings s = MlflowSettings.from(Map.of("MLFLOW_TRACKING_URI", "http://mlflow.internal:5000",
                "MLFLOW_TRACKING_TOKEN", "abc123")).orElseThrow();

        assertEquals(URI.create("http://mlflow.internal:5000"), s.trackingUri());
        assertEquals("abc123", s.token());
        assertEquals("churnops-churn-telco", s.experimentFor("churn-telco"));
        assertEquals(MlflowSettings.DEFAULT_CONNECT_TIMEOUT, s.connectTimeout());
        assertEquals(MlflowSettings.DEFAULT_REQUEST_TIMEOUT, s.requestTimeout());
        assertEquals("shared", MlflowSettings.from(Map.of("MLFLOW_TRACKING_URI", "https://m.example",
                "MLFLOW_EXPERIMENT_NAME", "shared")).orElseThrow().experimentFor("churn"));
    }

    @Test
    void refusesATrackingUriThatIsNotAnHttpServerNamingTheVariable() {
        for (String uri : new String[] {"file:///tmp/mlruns", "databricks", "sqlite:///mlflow.db"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MlflowSettings.from(Map.of("MLFLOW_TRACKING_URI", uri)));
            assertTrue(e.getMessage().startsWith("MLFLOW_TRACKING_URI: "), e::getMessage);
            assertTrue(e.getMessage().contains("http or https URL"), e::getMessage);
        }
    }

    @Test
    void refusesATokenWithSpacesWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlflowSettings.from(Map.of(
                "MLFLOW_TRACKING_URI", "http://127.0.0.1:5000", "MLFLOW_TRACKING_TOKEN", "Bearer s3cr3t")));

        assertTrue(e.getMessage().startsWith("MLFLOW_TRACKING_TOKEN: "), e::getMessage);
        assertFalse(e.getMessage().contains("s3cr3t"), e::getMessage);
    }

    @Test
    void neverShowsTheTokenOrTheUserInformationOfTheUrl() {
        MlflowSettings s = MlflowSettings.builder(URI.create("https://alice:pa55@mlflow.example/prefix")).token("s3cr3t").build();

        assertEquals("https://mlflow.example/prefix", s.displayUri());
        assertFalse(s.toString().contains("s3cr3t") || s.toString().contains("pa55"), s::toString);
        assertTrue(s.toString().contains("token=set"), s::toString);
    }
}
