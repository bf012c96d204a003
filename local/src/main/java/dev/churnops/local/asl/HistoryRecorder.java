package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
  * Collects an execution's {@link HistoryEvent}s. Parallel branches and Map iterations record from
  * several threads; ids are handed out under the same lock that appends, so the list order and the id
  * order always agree.
  */
final class HistoryRecorder {

    private final Clock clock;
    private final List<HistoryEvent> events = new ArrayList<>();

    HistoryRecorder(Clock clock) {
        this.clock = clock;
    }

    synchronized HistoryEvent record(String type, String stateName, JsonNode input, JsonNode output,
            String error, String cause) {
        HistoryEvent event = new HistoryEvent(events.size() + 1L, type, stateName, clock.instant(), input,
                output, error, cause);
        events.add(event);
        return event;
    }

    HistoryEvent record(String type, String stateName, JsonNode input, JsonNode output) {
        return record(type, stateName, input, output, null, null);
    }

    HistoryEvent recordError(String type, String stateName, String error, String cause) {
        return record(type, stateName, null, null, error, cause);
    }

    synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }
}
