package dev.churnops.handlers.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureSettingsTest {

    @Test
    void anEmptyEnvironmentGivesTheStatedDefaults() {
        CaptureSettings s = CaptureSettings.from(Map.of());

        assertEquals(new CaptureSettings(0.1, 42, 1000, Duration.ofSeconds(60), 5000), s);
    }

    @Test
    void readsEveryVariable() {
        CaptureSettings s = CaptureSettings.from(Map.of("CHURNOPS_CAPTURE_RATE", " 0.25 ", "CHURNOPS_CAPTURE_SEED", "-7",
                "CHURNOPS_CAPTURE_BATCH_LINES", "200", "CHURNOPS_CAPTURE_FLUSH_SECONDS", "30",
                "CHURNOPS_CAPTURE_BUFFER_LINES", "800"));

        assertEquals(new CaptureSettings(0.25, -7, 200, Duration.ofSeconds(30), 800), s);
    }

    @Test
    void rateZeroTurnsCaptureOff() {
        assertFalse(CaptureSettings.from(Map.of("CHURNOPS_CAPTURE_RATE", "0")).enabled());
    }

    @Test
    void aBatchLargerThanTheDefaultBufferRaisesTheBufferToIt() {
        assertEquals(20_000, CaptureSettings.from(Map.of("CHURNOPS_CAPTURE_BATCH_LINES", "20000")).bufferLines());
    }

    @Test
    void refusesARateOutsideZeroToOneNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaptureSettings.from(Map.of("CHURNOPS_CAPTURE_RATE", "10%")));

        assertEquals("CHURNOPS_CAPTURE_RATE is '10%': expected a share from 0 (capture off) to 1 (every score), such as "
                + "0.1 (default 0.1).", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CaptureSettings.from(Map.of("CHURNOPS_CAPTURE_RATE", "1.5")));
        assertThrows(IllegalArgumentException.class, () -> CaptureSettings.from(Map.of("CHURNOPS_CAPTURE_RATE", "NaN")));
    }

    @Test
    void refusesABadWholeNumberNamingTheVariableAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaptureSettings.from(Map.of("CHURNOPS_CAPTURE_FLUSH_SECONDS", "0")));

        assertEquals("CHURNOPS_CAPTURE_FLUSH_SECONDS is '0': expected a whole number of seconds from 1 to 900 (default 60).",
                e.getMessage());
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class,
                () -> CaptureSettings.from(Map.of("CHURNOPS_CAPTURE_SEED", "forty-two")));
        assertEquals("CHURNOPS_CAPTURE_SEED is 'forty-two': expected a whole number (default 42).", seed.getMessage());
    }

    @Test
    void refusesABufferSmallerThanABatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CaptureSettings.from(Map.of(
                "CHURNOPS_CAPTURE_BATCH_LINES", "500", "CHURNOPS_CAPTURE_BUFFER_LINES", "100")));

        assertEquals("CHURNOPS_CAPTURE_BUFFER_LINES is '100': expected at least CHURNOPS_CAPTURE_BATCH_LINES (500), since a "
                + "batch is held in memory whole.", e.getMessage());
        IllegalArgumentException built = assertThrows(IllegalArgumentException.class,
                () -> CaptureSettings.builder().batchLines(10).bufferLines(9).build());
        assertEquals("CaptureSettings.bufferLines is 9 but must be a number of lines from batchLines (10) to 1000000.",
                built.getMessage());
    }
}
