package dev.churnops.local.generate;

import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A generated directory read back: every row of every file with its partition date, and helpers to query them. */
final class Generated {

    /** One data row (header excluded) of {@code raw/<source>/dt=<partition>/part-00000.csv}. */
    record Row(EventSource source, LocalDate partition, String line, String[] cells) {
        String cell(String column) {
            return cells[source.indexOf(column)];
        }

        long time() {
            return EventTime.parse(cell(source.timeColumn()));
        }
    }

    final Map<EventSource, List<Row>> rows = new EnumMap<>(EventSource.class);
    final List<Path> files = new ArrayList<>();
    final List<String> headers = new ArrayList<>();

    private Generated() {
        for (EventSource s : EventSource.values()) {
            rows.put(s, new ArrayList<>());
        }
    }

    static Generated read(Path dir) {
        Generated g = new Generated();
        try (Stream<Path> walk = Files.walk(dir.resolve("raw"))) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                g.files.add(file);
                Path rel = dir.resolve("raw").relativize(file);
                EventSource source = EventSource.of(rel.getName(0).toString());
                LocalDate partition = LocalDate.parse(rel.getName(1).toString().substring(3));
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                g.headers.add(source.sourceName() + ":" + lines.get(0));
                for (String line : lines.subList(1, lines.size())) {
                    g.rows.get(source).add(new Row(source, partition, line, line.split(",", -1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    List<Row> of(EventSource source) {
        return rows.get(source);
    }

    /** SHA-256 over every file's relative path and bytes, in path order. */
    static String hash(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file's bytes, by path relative to {@code dir}. */
    static Map<String, byte[]> contents(Path dir) {
        Map<String, byte[]> m = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir.resolve("raw"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
