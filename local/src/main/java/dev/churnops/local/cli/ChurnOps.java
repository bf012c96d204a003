package dev.churnops.local.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code churnops} command line: one small command class per verb, output through the
 * command's writers, and one exception handler that turns any failure into an exit code (2 for
 * unusable input or arguments, 1 for an internal failure) and a one-line message.
 *
 * <p>Picocli builds the model of every registered command by reflection before parsing, a third of
 * a second for all of them on a cold JVM. So when the first argument names a verb, only that verb
 * is registered: {@code churnops serve} starts answering sooner. Anything else (no arguments,
 * {@code --help}, a mistyped verb) registers them all, so help and suggestions list every verb.
 */
// INHERIT: every verb and sub-verb has --help and --version too, as the usage errors tell people to try.
@Command(name = "churnops", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = ChurnOps.Version.class,
        description = "Churn prediction run like software: the same handlers and state machines locally and on AWS.")
public final class ChurnOps {

    /** Every verb, in the order help lists them. */
    private static final Map<String, Supplier<Object>> VERBS = verbs();

    private static Map<String, Supplier<Object>> verbs() {
        Map<String, Supplier<Object>> v = new LinkedHashMap<>();
        v.put("run", RunCommand::new);
        v.put("invoke", InvokeCommand::new);
        v.put("registry", RegistryCommand::new);
        v.put("runs", RunsCommand::new);
        v.put("serve", ServeCommand::new);
        v.put("score-batch", ScoreBatchCommand::new);
        v.put("monitor", MonitorCommand::new);
        v.put("generate", GenerateCommand::new);
        v.put("generate-table", GenerateTableCommand::new);
        v.put("bench", BenchCommand::new);
        return v;
    }

    // Held strongly: java.util.logging forgets the level of a logger nobody references.
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");
    private static final Logger OLCUT_LOG = Logger.getLogger("com.oracle.labs.mlrg.olcut");

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line in-process; what tests call. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0 && args[0].equals("serve")) {
            // First, so that it overlaps picocli's reflection over the commands.
            ServeCommand.prefetchInBackground();
        }
        // Tribuo reports progress through java.util.logging at INFO; the CLI prints its own summary.
        TRIBUO_LOG.setLevel(Level.WARNING);
        OLCUT_LOG.setLevel(Level.WARNING);
        CommandLine cli = new CommandLine(new ChurnOps());
        Supplier<Object> verb = args.length == 0 ? null : VERBS.get(args[0]);
        if (verb != null) {
            cli.addSubcommand(args[0], verb.get());
        } else {
            VERBS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CliException c ? c.exitCode() : CliException.INTERNAL);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException c) {
                commandLine.getErr().println("churnops: " + c.getMessage());
                return c.exitCode();
            }
            commandLine.getErr().println("churnops: internal error: " + e);
            return CliException.INTERNAL;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("churnops: " + e.getMessage());
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return CliException.USAGE;
        });
        return cli.execute(args);
    }

    /** The version of the running code: the build's project version plus the commit, when known. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {codeVersion()};
        }
    }

    static String codeVersion() {
        String v = System.getenv("CHURNOPS_CODE_VERSION");
        return v == null || v.isBlank() ? "0.1.0-SNAPSHOT" : v;
    }
}
