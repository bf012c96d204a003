package dev.churnops.local.cli;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code churnops} command line: one small command class per verb, output through the
 * command's writers, and one exception handler that turns any failure into an exit code (2 for
 * unusable input or arguments, 1 for an internal failure) and a one-line message.
 */
@Command(name = "churnops", mixinStandardHelpOptions = true, versionProvider = ChurnOps.Version.class,
        description = "Churn prediction run like software: the same handlers and state machines locally and on AWS.",
        subcommands = {RunCommand.class, InvokeCommand.class, RegistryCommand.class, ServeCommand.class, ScoreBatchCommand.class,
                GenerateTableCommand.class})
public final class ChurnOps {

    // Held strongly: java.util.logging forgets the level of a logger nobody references.
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");
    private static final Logger OLCUT_LOG = Logger.getLogger("com.oracle.labs.mlrg.olcut");

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line in-process; what tests call. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        // Tribuo reports progress through java.util.logging at INFO; the CLI prints its own summary.
        TRIBUO_LOG.setLevel(Level.WARNING);
        OLCUT_LOG.setLevel(Level.WARNING);
        CommandLine cli = new CommandLine(new ChurnOps());
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
            e.getCommandLine().getErr().println("Try 'churnops " + e.getCommandLine().getCommandName() + " --help'.");
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
