package dev.churnops.local.cli;

import dev.churnops.core.port.ExperimentTracker;
import dev.churnops.handlers.Services;
import dev.churnops.handlers.tracking.MlflowTracker;
import dev.churnops.local.adapter.LocalServicesFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --home}, shared by every command: the local stand-in for the AWS account. */
public final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR", defaultValue = ".churnops",
            description = "Where blobs, registry, executions and reports live (default: ${DEFAULT-VALUE}).")
    Path home;

    public Path home() {
        return home.toAbsolutePath().normalize();
    }

    /** The local adapters, configured from the environment once: CHURNOPS_* settings and MLFLOW_* tracking. */
    Services services(PrintStream console) {
        Map<String, String> env = System.getenv();
        ExperimentTracker experiments;
        try {
            experiments = MlflowTracker.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
        return LocalServicesFactory.create(home(), Services.Settings.from(env), Clock.systemUTC(), console, experiments);
    }
}
