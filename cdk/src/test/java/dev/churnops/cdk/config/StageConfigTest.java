package dev.churnops.cdk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;

class StageConfigTest {

    @Test
    void knowsDevStagingAndProdInPromotionOrder() {
        assertEquals(List.of("dev", "staging", "prod"), StageConfig.STAGES);
        StageConfig.STAGES.forEach(s -> assertEquals(s, StageConfig.of(s).name()));
    }

    @Test
    void rejectsAnUnknownStageNamingTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> StageConfig.of("qa"));
        assertTrue(e.getMessage().contains("'qa'") && e.getMessage().contains("[dev, staging, prod]")
                && e.getMessage().contains("-c stage="), e.getMessage());
    }

    @Test
    void prodRetainsDataAndEncryptsTheLakeWithKms() {
        StageConfig prod = StageConfig.of("prod");
        assertEquals(RemovalPolicy.RETAIN, prod.removalPolicy());
        assertEquals(StageConfig.LakeEncryption.KMS, prod.lakeEncryption());
        assertTrue(prod.alarms().actionsEnabled());
    }

    @Test
    void devSchedulesAreCreatedDisabled() {
        assertTrue(!StageConfig.of("dev").schedules().enabled());
    }

    @Test
    void rejectsAnAccountThatIsNotTwelveDigits() {
        var e = assertThrows(IllegalArgumentException.class, () -> StageConfig.of("dev").toBuilder().account("12345").build());
        assertTrue(e.getMessage().contains("StageConfig.account") && e.getMessage().contains("'12345'"), e.getMessage());
    }

    @Test
    void rejectsACaptureRetentionShorterThanTheLabelHorizonAndAWindow() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StageConfig.Lifecycle(30, 7, 7, 30, 30));
        assertTrue(e.getMessage().contains("Lifecycle.captureExpirationDays is 30") && e.getMessage().contains("at least 44"),
                e.getMessage());
    }

    @Test
    void rejectsAScoringTimeoutBeyondApiGatewaysLimit() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StageConfig.FunctionSizes(1024, 60, 1024, 30, "INFO"));
        assertTrue(e.getMessage().contains("FunctionSizes.scoringTimeoutSeconds is 30") && e.getMessage().contains("1 to 29"),
                e.getMessage());
    }

    @Test
    void rejectsAScheduleThatIsNotAnEventBridgeExpression() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new StageConfig.Schedules("0 4 * * MON", "rate(1 day)", "rate(1 day)", "rate(1 day)", true));
        assertTrue(e.getMessage().contains("Schedules.training is '0 4 * * MON'"), e.getMessage());
    }

    @Test
    void everyStageMaterializesFeaturesDailyAfterMidnight() {
        StageConfig.STAGES.forEach(s -> assertEquals("cron(30 0 * * ? *)", StageConfig.of(s).schedules().featureMaterialization()));
    }

    @Test
    void rejectsAFeatureMaterializationScheduleThatIsNotAnEventBridgeExpression() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new StageConfig.Schedules("rate(7 days)", "rate(1 day)", "rate(1 day)", "30 0 * * *", true));
        assertTrue(e.getMessage().contains("Schedules.featureMaterialization is '30 0 * * *'")
                && e.getMessage().contains("cron(...) or rate(...)"), e.getMessage());
    }

    @Test
    void rejectsABurstBelowTheRate() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StageConfig.Api(100, 50, 1000, 1, 1000, 0.25));
        assertTrue(e.getMessage().contains("Api.throttleBurst is 50"), e.getMessage());
    }

    @Test
    void rejectsAScorePsiAlarmThatIsNoPsi() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StageConfig.Api(100, 200, 1000, 1, 1000, 0));
        assertTrue(e.getMessage().contains("Api.scorePsiAlarm is 0.0"), e.getMessage());
    }

    @Test
    void rejectsAnAlertAddressThatIsNotAnEmail() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StageConfig.Alarms(true, List.of("ops"), 0.05));
        assertTrue(e.getMessage().contains("'ops'"), e.getMessage());
    }
}
