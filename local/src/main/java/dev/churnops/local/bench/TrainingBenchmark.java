package dev.churnops.local.bench;

import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.evaluation.BinaryMetrics;
import dev.churnops.core.model.HyperParameters;
import dev.churnops.core.model.ModelTraining;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.pipeline.BuildTrainingSet;
import dev.churnops.core.pipeline.TrainingSetFiles;
import dev.churnops.core.pipeline.ValidateData;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.InMemoryBlobStore;
import dev.churnops.core.quality.KnownCustomers;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How long training the production model takes, and how good it is, on the data a run would train
 * it on. The table goes through the pipeline's own use cases in an in-memory blob store —
 * {@link ValidateData} (rows that fail validation are left out, as a run quarantines them) and
 * {@link BuildTrainingSet} (scikit-learn's stratified 80/20 train / test split with the seed, and
 * validation rows only when a validation share is given) — and the splits are read back as the
 * training container reads its channels. Then {@link ModelTraining#train} runs with the
 * hyperparameters a run would hand the container: untimed warm-up repeats first, so the JIT has
 * compiled the engines, then the timed repeats, each after a garbage collection so one repeat's
 * garbage does not land in the next one's time. The time is the wall-clock time of that call:
 * encoder fit, every configured algorithm (without validation rows: their out-of-fold fits, then
 * the average of the kept one's fold models, or with {@code final_model=refit} its fit on all
 * rows), choice and calibration, as
 * {@code train_seconds} of a run minus reading and writing files (and, when the hyperparameters ask
 * for them, the search and the cross-validation, whose shares are reported too). The ROC-AUC is the kept
 * model's (calibrated) on the test split, as evaluation measures it.
 */
public final class TrainingBenchmark {

    /** The split shares of the training state machine's Defaults state. */
    public static final double VALIDATION_SHARE = 0.0;
    static final double TEST_SHARE = 0.2;

    private static final String SOURCE = "bench";
    /** Only names a partition in the in-memory store; no clock is read. */
    private static final LocalDate PARTITION = LocalDate.of(1970, 1, 1);

    /**
     * What to train on: the table's bytes and file name, its dataset spec, the seed, the validation
     * share (0: none, as a run makes by default) and the hyperparameters as given.
     */
    public record Input(byte[] table, String fileName, String description, DatasetSpec spec, long seed,
                        double validationShare, Map<String, String> hyperparameters) {
        public Input {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(spec, "spec");
            BlobStore.checkKey(Objects.requireNonNull(fileName, "fileName"));
            hyperparameters = Map.copyOf(hyperparameters);
        }
    }

    /** Timed repeats and untimed warm-up repeats. */
    public record Options(int repeats, int warmup) {

        public static final int DEFAULT_REPEATS = 5;
        public static final int DEFAULT_WARMUP = 1;

        public Options {
            if (repeats < 1 || repeats > 1000) {
                throw new IllegalArgumentException("--repeats " + repeats + ": expected a whole number from 1 to 1000");
            }
            if (warmup < 0 || warmup > 100) {
                throw new IllegalArgumentException("--warmup " + warmup + ": expected a whole number from 0 to 100");
            }
        }
    }

    /** What was measured. */
    public record Result(String algorithm, double trainSecondsMedian, double rocAuc, double[] trainSeconds,
                         int warmup, List<String> algorithmsTrained, Map<String, Double> engineSecondsMedian,
                         Double searchSecondsMedian, Double cvSecondsMedian, String selection, double selectionRocAuc,
                         boolean identicalModels, Map<String, Integer> rows, int rowsIn, int rowsQuarantined, String data,
                         long seed) {

        /** As {@code churnops bench train --json} prints it: the contract's three keys first. */
        public Map<String, Object> asJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("algorithm", algorithm);
            m.put("train_seconds_median", Samples.round(trainSecondsMedian, 4));
            m.put("roc_auc", Samples.round(rocAuc, 6));
            m.put("repeats", trainSeconds.length);
            m.put("train_seconds", Arrays.stream(trainSeconds).map(s -> Samples.round(s, 4)).boxed().toList());
            m.put("warmup_repeats", warmup);
            m.put("algorithms_trained", algorithmsTrained);
            Map<String, Object> engines = new LinkedHashMap<>();
            engineSecondsMedian.forEach((k, v) -> engines.put(k, Samples.round(v, 4)));
            m.put("engine_seconds_median", engines);
            if (searchSecondsMedian != null) {
                m.put("search_seconds_median", Samples.round(searchSecondsMedian, 4));
            }
            if (cvSecondsMedian != null) {
                m.put("cv_seconds_median", Samples.round(cvSecondsMedian, 4));
            }
            m.put("selection", selection);
            m.put("selection_roc_auc", Samples.round(selectionRocAuc, 6));
            m.put("identical_models", identicalModels);
            m.put("rows", rows);
            m.put("rows_in", rowsIn);
            m.put("rows_quarantined", rowsQuarantined);
            m.put("data", data);
            m.put("seed", seed);
            m.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
            m.put("cores", Runtime.getRuntime().availableProcessors());
            return m;
        }
    }

    /** A table the pipeline would refuse: nothing to train on. */
    public static final class UnusableDataException extends IllegalArgumentException {
        UnusableDataException(String message) {
            super(message);
        }
    }

    private TrainingBenchmark() {
    }

    /** The splits and parameters a run would hand the training container. */
    public record Prepared(LabeledTable train, LabeledTable validation, LabeledTable test, HyperParameters parameters,
                           Map<String, Integer> rows, int rowsIn, int rowsQuarantined, String data, long seed) {
    }

    /**
     * Checks the hyperparameters, then validates and splits the table as a run does.
     *
     * @throws IllegalArgumentException for a bad hyperparameter, an unusable table or one too small to split
     */
    public static Prepared prepare(Input input) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("seed", Long.toString(input.seed()));
        given.putAll(input.hyperparameters());
        HyperParameters parameters = HyperParameters.parse(given);

        BlobStore blobs = new InMemoryBlobStore();
        blobs.put(BlobLayout.datasetConfig(SOURCE), input.spec().toJson());
        String rawKey = BlobLayout.raw(SOURCE, PARTITION, input.fileName());
        blobs.put(rawKey, input.table());
        ValidateData.Result validated = new ValidateData(blobs, KnownCustomers.NOBODY, Clock.systemUTC()).run(new ValidateData.Command(rawKey, "bench-ingestion"));
        if (!validated.usable()) {
            throw new UnusableDataException(input.description() + " is unusable: " + String.join("; ", validated.problems()));
        }
        BuildTrainingSet.Result set = new BuildTrainingSet(blobs).run(new BuildTrainingSet.Command("bench-training",
                SOURCE, validated.validatedKey(), input.seed(), input.validationShare(), TEST_SHARE));
        DatasetSpec spec = DatasetSpec.fromJson(blobs.get(TrainingSetFiles.specKey(set.trainingSetPrefix())));
        return new Prepared(split(blobs, set.trainingSetPrefix(), "train", spec),
                split(blobs, set.trainingSetPrefix(), "validation", spec), split(blobs, set.trainingSetPrefix(), "test", spec),
                parameters, set.rows(), validated.rowsIn(), validated.rowsQuarantined(), input.description(), input.seed());
    }

    /** Warm-up repeats, then timed repeats of {@link ModelTraining#train}; the test ROC-AUC of the last model. */
    public static Result measure(Prepared p, Options options) {
        for (int i = 0; i < options.warmup(); i++) {
            ModelTraining.train(p.train(), p.validation(), p.parameters());
        }
        double[] seconds = new double[options.repeats()];
        double[] searchSeconds = new double[options.repeats()];
        double[] cvSeconds = new double[options.repeats()];
        Map<String, double[]> engineSeconds = new LinkedHashMap<>();
        ModelTraining.Outcome outcome = null;
        byte[] first = null;
        boolean identical = true;
        for (int i = 0; i < options.repeats(); i++) {
            System.gc();
            long t0 = System.nanoTime();
            outcome = ModelTraining.train(p.train(), p.validation(), p.parameters());
            long t1 = System.nanoTime();
            seconds[i] = (t1 - t0) / 1e9;
            searchSeconds[i] = outcome.searchSeconds();
            cvSeconds[i] = outcome.cvSeconds();
            for (ModelTraining.Candidate c : outcome.candidates()) {
                engineSeconds.computeIfAbsent(c.algorithm(), k -> new double[options.repeats()])[i] += c.trainSeconds();
            }
            byte[] model = outcome.model().toBytes();
            if (first == null) {
                first = model;
            } else {
                identical &= Arrays.equals(first, model);
            }
        }
        Map<String, Double> engineMedians = new LinkedHashMap<>();
        engineSeconds.forEach((algorithm, s) -> engineMedians.put(algorithm, Samples.median(s)));
        double rocAuc = BinaryMetrics.rocAuc(outcome.model().score(p.test()), p.test().labels());
        List<String> trained = new ArrayList<>(engineSeconds.keySet());
        return new Result(outcome.model().algorithm(), Samples.median(seconds), rocAuc, seconds, options.warmup(), trained,
                engineMedians, outcome.search() == null ? null : Samples.median(searchSeconds),
                outcome.cv() == null ? null : Samples.median(cvSeconds), outcome.selection().label(), outcome.chosen().rocAuc(),
                identical,
                p.rows(), p.rowsIn(), p.rowsQuarantined(), p.data(), p.seed());
    }

    private static LabeledTable split(BlobStore blobs, String prefix, String channel, DatasetSpec spec) {
        String key = TrainingSetFiles.channelKey(prefix, channel);
        return TrainingSetFiles.read(blobs.get(key), spec, key);
    }
}
