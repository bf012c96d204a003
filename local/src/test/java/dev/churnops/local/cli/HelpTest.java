package dev.churnops.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every verb answers --help with its usage, as the usage errors tell people to try. */
class HelpTest {

    @ParameterizedTest(name = "churnops {0} --help")
    @ValueSource(strings = {"", "run", "invoke", "registry", "registry list", "registry approve", "registry reject", "runs",
            "runs list", "runs show", "runs compare", "serve", "score-batch", "generate-table", "bench", "bench score",
            "bench train"})
    void everyVerbPrintsItsUsage(String verb) {
        String[] words = verb.isEmpty() ? new String[0] : verb.split(" ");
        String[] args = new String[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = "--help";

        Cli.Result r = Cli.run(args);

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("Usage: churnops" + (verb.isEmpty() ? "" : " " + verb)), r::toString);
        assertTrue(r.out().contains("-h, --help"), r::toString);
    }

    @ParameterizedTest(name = "churnops {0} with a mistake")
    @ValueSource(strings = {"run", "serve", "runs show"})
    void aUsageErrorPointsAtAHelpThatWorks(String verb) {
        String[] words = verb.split(" ");
        String[] args = new String[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = "--no-such-option";

        Cli.Result r = Cli.run(args);

        assertEquals(2, r.exitCode(), r::toString);
        String hint = "Try 'churnops " + verb + " --help'.";
        assertTrue(r.err().contains(hint), r::toString);
        assertEquals(0, Cli.run((verb + " --help").split(" ")).exitCode());
    }
}
