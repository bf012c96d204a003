package dev.churnops.handlers;

import dev.churnops.core.port.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A fake {@link Metrics} that keeps every data point. */
final class RecordingMetrics implements Metrics {

    record Point(String name, double value, String unit, Map<String, String> dimensions) {
    }

    private final List<Point> points = new ArrayList<>();

    @Override
    public synchronized void put(String name, double value, String unit, Map<String, String> dimensions) {
        points.add(new Point(name, value, unit, Map.copyOf(dimensions)));
    }

    synchronized List<Point> points() {
        return List.copyOf(points);
    }
}
