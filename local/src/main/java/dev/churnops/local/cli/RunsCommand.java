package dev.churnops.local.cli;

import dev.churnops.core.json.Json;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.tracking.RunComparison;
import dev.churnops.core.tracking.RunRecord;
import dev.churnops.core.tracking.RunStore;
import dev.churnops.local.adapter.DirectoryBlobStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code churnops runs list | show ID | compare ID ID}: the recorded training runs under {@code runs/}. */
@Command(name = "runs", description = "Recorded training runs: list them, show one, compare two.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Compare.class})
final class RunsCommand {

    /** What every runs command shares: the home, its run store, and finding a run by id. */
    abstract static class RunsVerb implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        HomeOption home;

        /** Only the blob store: reading records needs no other adapter, nor any tracking configuration. */
        RunStore store() {
            return new RunStore(new DirectoryBlobStore(home.home()));
        }

        String keyOf(RunStore store, String id) {
            return store.keyOf(id).orElseThrow(() -> new CliException(CliException.USAGE, "no run '" + id + "' is recorded under "
                    + home.home().resolve(BlobLayout.runs()) + ": 'churnops runs list' shows the recorded runs"));
        }

        RunRecord read(RunStore store, String key) {
            try {
                return store.read(key);
            } catch (Json.InvalidDocumentException e) {
                throw corrupt(key, e);
            }
        }

        CliException corrupt(String key, Json.InvalidDocumentException e) {
            return new CliException(CliException.USAGE, e.getMessage() + " (file " + file(key) + "; fix or delete it)");
        }

        Path file(String key) {
            return home.home().resolve(key);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "list", description = "Every recorded run, oldest first: id, model, start, status, algorithm,"
            + " validation and test ROC-AUC, registered version.")
    static final class ListRuns extends RunsVerb {
        @Option(names = "--model", description = "Only this model's runs (default: every model's).")
        String model;

        @Override
        public void run() {
            if (model != null && !model.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
                throw new CliException(CliException.USAGE, "--model '" + model + "' must be 1-63 letters, digits and inner hyphens");
            }
            RunStore store = store();
            List<RunRecord> runs = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            CliException firstCorrupt = null;
            for (String key : store.keys(model)) {
                try {
                    runs.add(store.read(key));
                } catch (Json.InvalidDocumentException e) {
                    unreadable.add(key);
                    firstCorrupt = firstCorrupt == null ? corrupt(key, e) : firstCorrupt;
                }
            }
            runs.sort(Comparator.comparing(RunRecord::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(RunRecord::runId));
            if (runs.isEmpty() && unreadable.isEmpty()) {
                out().println("no runs recorded under " + home.home().resolve(model == null ? BlobLayout.runs() : BlobLayout.runs(model))
                        + " yet: 'churnops run' records one");
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"RUN", "MODEL", "STARTED", "STATUS", "ALGORITHM", "SEL ROC-AUC", "TEST ROC-AUC", "VERSION"});
            for (RunRecord r : runs) {
                rows.add(new String[] {r.runId(), r.modelName(), r.startedAt(), r.status().label(), text(r.algorithm()),
                        number(r.chosenCandidate().map(RunRecord.Candidate::rocAuc).orElse(null)),
                        number(r.testMetrics().get("roc_auc")), r.registered() == null ? "-" : "v" + r.registered().version()});
            }
            table(out(), rows);
            if (firstCorrupt != null) {
                // The readable runs are listed; the unreadable ones are named rather than skipped in silence.
                throw unreadable.size() == 1 ? firstCorrupt : new CliException(CliException.USAGE, unreadable.size()
                        + " run documents cannot be read: " + unreadable + "; the first: " + firstCorrupt.getMessage());
            }
        }
    }

    @Command(name = "show", description = "One run's record, the JSON document as stored.")
    static final class Show extends RunsVerb {
        @Parameters(paramLabel = "RUN", description = "Run id: the training execution's name, as 'runs list' shows it.")
        String id;

        @Override
        public void run() {
            RunStore store = store();
            String key = keyOf(store, id);
            byte[] document;
            try {
                document = store.document(key);
            } catch (Json.InvalidDocumentException e) {
                throw corrupt(key, e);
            }
            out().print(new String(document, StandardCharsets.UTF_8));
            out().flush();
        }
    }

    @Command(name = "compare", description = "Two runs side by side: parameters that differ, metrics with deltas,"
            + " whether the data and the code are the same.")
    static final class Compare extends RunsVerb {
        @Parameters(index = "0", paramLabel = "RUN", description = "The first run (deltas are second minus first).")
        String first;
        @Parameters(index = "1", paramLabel = "OTHER", description = "The second run.")
        String second;

        @Override
        public void run() {
            RunStore store = store();
            RunRecord a = read(store, keyOf(store, first));
            RunRecord b = read(store, keyOf(store, second));
            RunComparison c = RunComparison.of(a, b);
            PrintWriter out = out();

            List<String[]> head = new ArrayList<>();
            head.add(new String[] {"", a.runId(), b.runId()});
            head.add(new String[] {"model", a.modelName(), b.modelName()});
            head.add(new String[] {"status", a.status().label(), b.status().label()});
            head.add(new String[] {"started", a.startedAt(), b.startedAt()});
            head.add(new String[] {"algorithm", text(a.algorithm()), text(b.algorithm())});
            head.add(new String[] {"version", version(a), version(b)});
            head.add(new String[] {"data", text(a.data().fingerprint()), text(b.data().fingerprint())});
            head.add(new String[] {"code version", text(a.codeVersion()), text(b.codeVersion())});
            table(out, head);
            out.println();
            out.println("data         " + (c.sameData() ? "same (fingerprint " + a.data().fingerprint() + ")"
                    : "DIFFERENT: the runs trained on different data, so their metrics are not comparable as they stand"));
            out.println("code         " + (c.sameCode() ? "same (" + a.codeVersion() + ")" : "different"));
            out.println();

            if (c.parameters().isEmpty()) {
                out.println("parameters   all the same");
            } else {
                List<String[]> params = new ArrayList<>();
                params.add(new String[] {"PARAMETER", "FIRST", "SECOND"});
                c.parameters().forEach(d -> params.add(new String[] {d.name(), text(d.first()), text(d.second())}));
                table(out, params);
            }
            out.println();
            List<String[]> metrics = new ArrayList<>();
            metrics.add(new String[] {"METRIC", "FIRST", "SECOND", "DELTA"});
            for (RunComparison.MetricDelta m : c.metrics()) {
                metrics.add(new String[] {m.name(), number(m.first()), number(m.second()),
                        m.delta() == null ? "-" : String.format(Locale.ROOT, "%+.4f", m.delta())});
            }
            table(out, metrics);
        }

        private static String version(RunRecord r) {
            return r.registered() == null ? "-" : "v" + r.registered().version() + " " + r.registered().status();
        }
    }

    static String text(String value) {
        return value == null ? "-" : value;
    }

    static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** Left-aligned columns two spaces apart, each as wide as its widest cell. */
    static void table(PrintWriter out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
