package dev.churnops.local.cli;

import dev.churnops.handlers.Services;
import dev.churnops.local.adapter.LocalServicesFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --home}, shared by every command: the local stand-in for the AWS account. */
public final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR", defaultValue = ".churnops",
            description = "Where blobs, registry, executions and reports live (default: ${DEFAULT-VALUE}).")
    Path home;

    public Path home() {
        return home.toAbsolutePath().normalize();
    }

    Services services(PrintStream console) {
        return LocalServicesFactory.create(home(), Services.Settings.from(System.getenv()), Clock.systemUTC(), console);
    }
}
