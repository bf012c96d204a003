package dev.churnops.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.port.OfflineFeatureStore;
import java.time.LocalDate;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/**
 * The feature-view source of a monitoring window, where it must refuse: without an offline store,
 * with two sources named, with a bad activity window, or for a model not trained on the view. (The
 * snapshot's customers are tested with {@code PointInTimeTrainingSet}, the whole path end to end.)
 */
class PrepareMonitoringWindowFeatureViewTest {

    private static final String VIEW = "customer_behaviour";

    private static PrepareMonitoringWindow.Command command(String currentKey, String featureView, int activityDays) {
        return new PrepareMonitoringWindow.Command("mon-view", MonitoringFixture.MODEL, "champion", MonitoringFixture.DATE, 1,
                currentKey, null, null, featureView, activityDays);
    }

    /** A store the checks must stop before reaching. */
    private static final OfflineFeatureStore UNREAD = new OfflineFeatureStore() {
        @Override
        public String append(FeatureBatch rows, LocalDate date) {
            throw new AssertionError("nothing is written");
        }

        @Override
        public FeatureBatch readAsOf(FeatureSchema schema, long asOf, int maxAgeDays, Collection<String> entities) {
            throw new AssertionError("the view is not read for a model that was not trained on it");
        }
    };

    @Test
    void aFeatureViewWithoutAnOfflineStoreFailsSayingNoneIsConfigured() {
        MonitoringFixture fixture = new MonitoringFixture();

        String m = assertThrows(IllegalStateException.class, () -> new PrepareMonitoringWindow(fixture.blobs, fixture.registry)
                .run(command(null, VIEW, 90))).getMessage();

        assertTrue(m.contains("featureView '" + VIEW + "'") && m.contains("no offline feature store"), m);
    }

    @Test
    void aModelTrainedOnACustomerTableIsNotMonitoredOnAFeatureView() {
        MonitoringFixture fixture = new MonitoringFixture();

        String m = assertThrows(IllegalArgumentException.class, () -> new PrepareMonitoringWindow(fixture.blobs,
                fixture.registry, UNREAD, FeatureRegistry.builtIn()).run(command(null, VIEW, 90))).getMessage();

        assertTrue(m.contains("not trained on this view") && m.contains("feature view '" + VIEW + "'"), m);
    }

    @Test
    void rejectsACurrentKeyAndAFeatureViewTogetherAndABadActivityWindow() {
        String both = assertThrows(IllegalArgumentException.class, () -> command("monitoring/input/x.csv", VIEW, 90))
                .getMessage();
        String blank = assertThrows(IllegalArgumentException.class, () -> command(null, " ", 90)).getMessage();
        String activity = assertThrows(IllegalArgumentException.class, () -> command(null, VIEW, 0)).getMessage();

        assertTrue(both.contains("currentKey") && both.contains("featureView") && both.contains("expected one"), both);
        assertTrue(blank.startsWith("featureView is missing"), blank);
        assertTrue(activity.contains("activityDays is 0") && activity.contains("1 to 365"), activity);
    }
}
