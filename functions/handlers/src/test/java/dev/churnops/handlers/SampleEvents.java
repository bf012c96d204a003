package dev.churnops.handlers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's {@code events/} folder, found by walking up from the working directory. */
final class SampleEvents {

    private SampleEvents() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("events"))) {
                return dir.resolve("events");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }

    /** {@code events/stepfunctions/<function>.json}. */
    static Path stepFunctions(String function) {
        return root().resolve("stepfunctions").resolve(function + ".json");
    }

    static byte[] read(String function) {
        try {
            return Files.readAllBytes(stepFunctions(function));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function names that have a file under {@code events/stepfunctions/}, sorted. */
    static List<String> functions() {
        try (Stream<Path> files = Files.list(root().resolve("stepfunctions"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
