package dev.churnops.local.cli;

import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.registry.ApprovalStatus;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.local.serve.ServingHistory;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code churnops registry list | approve V | reject V | history}: the local model registry. */
@Command(name = "registry", description = "List model versions; approve or reject one by hand; show the serving history.",
        subcommands = {RegistryCommand.ListVersions.class, RegistryCommand.Approve.class, RegistryCommand.Reject.class,
            RegistryCommand.History.class})
final class RegistryCommand {

    /**
     * One line per change of what served, oldest first, from {@link ServingHistory}: time, event,
     * versions, reason, and a canary's figures.
     */
    @Command(name = "history", description = "Which version served when, and why it changed (canaries, promotions, rollbacks).")
    static final class History implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        HomeOption home;
        @Option(names = "--model", defaultValue = "churn", description = "Model name (default: ${DEFAULT-VALUE}).")
        String model;

        @Override
        public void run() {
            List<ServingHistory.Event> events = ServingHistory.read(home.services(System.err).blobs(), model);
            PrintWriter out = spec.commandLine().getOut();
            if (events.isEmpty()) {
                out.println("model '" + model + "' has not been served from this home");
            }
            for (ServingHistory.Event e : events) {
                out.printf("%s %-16s %-11s %s%s%n", e.time(), e.event(), (e.from() == null ? "" : "v" + e.from() + " -> ")
                        + "v" + e.to(), e.reason(), e.canary() == null ? "" : " " + e.canary());
            }
        }
    }

    @Command(name = "list", description = "Every version with its status; the champion is marked.")
    static final class ListVersions implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        HomeOption home;
        @Option(names = "--model", description = "Only this model (default: every model in the home).")
        String model;

        @Override
        public void run() {
            ModelRegistry registry = home.services(System.err).registry();
            PrintWriter out = spec.commandLine().getOut();
            for (String name : model == null ? registry.models() : java.util.List.of(model)) {
                Optional<ModelVersion> champion = registry.alias(name, ModelRegistry.CHAMPION);
                for (ModelVersion v : registry.versions(name)) {
                    boolean isChampion = champion.isPresent() && champion.get().version() == v.version();
                    out.printf("%s v%-4d %-22s %s %s%n", name, v.version(), v.status(), isChampion ? "champion" : "        ",
                            v.description());
                }
            }
        }
    }

    /** What approve and reject share: the version, the model, the reason, and the existence check. */
    abstract static class StatusChange implements Runnable {
        @Mixin
        HomeOption home;
        @Option(names = "--model", defaultValue = "churn", description = "Model name (default: ${DEFAULT-VALUE}).")
        String model;
        @Option(names = "--reason", description = "Why; recorded in the version's history.")
        String reason;
        @Parameters(paramLabel = "VERSION")
        int version;

        @Override
        public void run() {
            ModelRegistry registry = home.services(System.err).registry();
            if (registry.version(model, version).isEmpty()) {
                throw new CliException(CliException.USAGE, "model '" + model + "' has no version " + version);
            }
            try {
                apply(registry, reason == null ? defaultReason() : reason);
            } catch (IllegalArgumentException e) {
                throw new CliException(CliException.USAGE, e.getMessage());
            }
        }

        abstract void apply(ModelRegistry registry, String why);

        abstract String defaultReason();
    }

    @Command(name = "approve", description = "Approve a version and make it champion.")
    static final class Approve extends StatusChange {
        @Override
        void apply(ModelRegistry registry, String why) {
            registry.setStatus(model, version, ApprovalStatus.Approved, why);
            registry.setAlias(model, ModelRegistry.CHAMPION, version, why);
        }

        @Override
        String defaultReason() {
            return "approved by hand";
        }
    }

    @Command(name = "reject", description = "Reject a version (not the champion).")
    static final class Reject extends StatusChange {
        @Override
        void apply(ModelRegistry registry, String why) {
            registry.setStatus(model, version, ApprovalStatus.Rejected, why);
        }

        @Override
        String defaultReason() {
            return "rejected by hand";
        }
    }
}
