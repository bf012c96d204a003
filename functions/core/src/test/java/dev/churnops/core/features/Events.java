package dev.churnops.core.features;

import dev.churnops.core.events.EventSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-written event rows, gathered per source, written as validated CSV files. */
final class Events {

    final Map<EventSource, List<String>> rows = new LinkedHashMap<>();

    Events add(EventSource source, String row) {
        rows.computeIfAbsent(source, s -> new ArrayList<>()).add(row);
        return this;
    }

    static byte[] csv(EventSource source, List<String> rows) {
        StringBuilder b = new StringBuilder(source.header()).append('\n');
        rows.forEach(r -> b.append(r).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    void applyTo(FeatureState state) {
        rows.forEach((source, list) -> state.apply(source, csv(source, list)));
    }
}
