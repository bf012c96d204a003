package dev.churnops.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project's shared data set, which CI has beside the clone ({@code ../shared/data}) and
 * a user's clone does not: tests that need it skip visibly through a JUnit assumption.
 */
final class SharedData {

    static final String TELCO = "telco-customer-churn.csv";

    private SharedData() {
    }

    static Optional<Path> find(String file) {
        String env = System.getenv("CHURNOPS_SHARED_DATA");
        if (env != null && Files.isRegularFile(Path.of(env, file))) {
            return Optional.of(Path.of(env, file));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path require(String file) {
        Optional<Path> found = find(file);
        Assumptions.assumeTrue(found.isPresent(), "shared/data/" + file + " is not beside this clone; skipping");
        return found.get();
    }

    /** The repository root: the nearest parent holding statemachines/. */
    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("statemachines")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
