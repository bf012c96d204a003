package dev.churnops.core.pipeline;

import dev.churnops.core.events.EventTime;
import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.port.OfflineFeatureStore;
import dev.churnops.core.port.OnlineFeatureStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Use case: the features of every known customer as of the end of a day, written as one new file
 * of the offline store's partition for that day and put into the online store; then the state is
 * checkpointed when its journal has grown long enough. Run once a day for the day before (a second
 * run for the same day adds a second file, which point-in-time reads resolve by write time).
 */
public final class MaterializeFeatures {

    /**
     * The day to materialize; null means the UTC day before {@code triggerTime} (a scheduled run).
     * {@code online} false leaves the online store as it is: a backfill of past days, where only the
     * last one's values should serve.
     */
    public record Command(String executionId, LocalDate date, Instant triggerTime, boolean online) {
        public Command {
            Objects.requireNonNull(executionId, "executionId");
            if (date == null && triggerTime == null) {
                throw new IllegalArgumentException("either 'date' (YYYY-MM-DD) or 'triggerTime' (a scheduled event's time) is required");
            }
        }

        LocalDate day() {
            return date != null ? date : LocalDate.ofInstant(triggerTime, ZoneOffset.UTC).minusDays(1);
        }
    }

    public record Result(String view, String date, String asOf, int rows, String offlineKey, boolean online,
                         String checkpointKey) {
    }

    private final FeatureStates states;
    private final OfflineFeatureStore offline;
    private final OnlineFeatureStore onlineStore;
    private final Clock clock;

    public MaterializeFeatures(FeatureStates states, OfflineFeatureStore offline, OnlineFeatureStore online, Clock clock) {
        this.states = states;
        this.offline = offline;
        this.onlineStore = online;
        this.clock = clock;
    }

    public Result run(Command command) {
        LocalDate day = command.day();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (day.isAfter(today)) {
            throw new IllegalArgumentException("date " + day + " is after today (" + today
                    + "): features can only be materialized for a day that has begun");
        }
        long asOf = EventTime.endOfDay(day);
        FeatureBatch rows = states.asOf(asOf, clock.instant().getEpochSecond());
        if (rows.size() == 0) {
            // No customer has signed up yet: nothing to write, and nothing wrong.
            return new Result(states.view(), day.toString(), EventTime.format(asOf), 0, null, false, null);
        }
        String key = offline.append(rows, day);
        if (command.online()) {
            onlineStore.put(rows);
        }
        String checkpoint = states.checkpoint(false);
        return new Result(states.view(), day.toString(), EventTime.format(asOf), rows.size(), key, command.online(), checkpoint);
    }
}
