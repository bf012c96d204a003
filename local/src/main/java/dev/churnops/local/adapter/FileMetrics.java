package dev.churnops.local.adapter;

import dev.churnops.core.json.Json;
import dev.churnops.core.port.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The local stand-in for CloudWatch: one JSON line per data point in {@code <home>/metrics/metrics.jsonl}. */
public final class FileMetrics implements Metrics {

    private final Path file;
    private final Clock clock;

    public FileMetrics(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public synchronized void put(String name, double value, String unit, Map<String, String> dimensions) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant().toString());
        line.put("name", name);
        line.put("value", value);
        line.put("unit", unit);
        line.put("dimensions", new TreeMap<>(dimensions));
        try {
            Files.createDirectories(file.getParent());
            String json = Json.mapper().writeValueAsString(line).replace("\n", "");
            Files.write(file, (json + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
