package dev.churnops.core.model;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.stream.IntStream;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * Binary gradient-boosted trees for Tribuo: logistic loss, Newton (second-order) leaf values,
 * depth-limited trees grown on histograms of pre-binned features. One label is the positive class
 * ({@code churn} unless configured), the dataset's other label the negative one.
 *
 * <p>How a model is trained: a stratified, seeded {@code validationFraction} of the rows is held
 * out; every feature is cut once, on the remaining fitting rows, into at most {@code bins} quantile
 * bins; the margin starts at the log-odds of the fitting rows' (weighted) positive rate. Each round
 * draws a {@code subsample} of the fitting rows and a {@code colsample} of the features that can
 * split, grows one tree (see {@link TreeGrower}) and adds it, learning rate applied. With
 * {@code earlyStoppingRounds > 0} training stops once the validation log-loss has not improved for
 * that many rounds, and the model keeps the trees up to its best round; with 0 it keeps every round.
 *
 * <p>Determinism: the same dataset (the same examples in the same order), configuration and seed
 * give the same trees, bit for bit, on every invocation, for every {@link Builder#threads(int)
 * thread count} from 1 up, and on every JVM and CPU. Random draws come from one seeded
 * {@link SplittableRandom} in a fixed order; rows and features are visited in ascending order and
 * no collection with hash order is iterated; with several threads each feature's histogram is
 * still built by one thread adding rows in order, and nothing is summed across threads; exp and
 * log come from {@link StrictMath}, whose results, unlike {@link Math}'s intrinsics, do not vary by
 * platform. The thread count is therefore not a configuration field and not in the provenance.
 */
public final class GradientBoostingTrainer implements Trainer<Label> {

    /** Hessians are kept at least this large, so a leaf of confidently predicted rows stays finite. */
    private static final double MIN_HESSIAN = 1e-16;

    @Config(description = "Number of boosting rounds (trees), at most; early stopping may keep fewer.")
    private int rounds = 300;

    @Config(description = "Shrinkage applied to every leaf value.")
    private double learningRate = 0.05;

    @Config(description = "Maximum depth of each tree; 1 grows stumps.")
    private int maxDepth = 4;

    @Config(description = "Minimum hessian sum in each child of a split.")
    private double minChildWeight = 1.0;

    @Config(description = "L2 penalty on leaf values.")
    private double lambda = 1.0;

    @Config(description = "Minimum loss reduction a split must exceed.")
    private double gamma = 0.0;

    @Config(description = "Fraction of the fitting rows drawn, without replacement, for each round.")
    private double subsample = 0.8;

    @Config(description = "Fraction of the splittable features drawn for each tree.")
    private double colsample = 0.8;

    @Config(description = "Stop after this many rounds without a better validation log-loss; 0 never stops early.")
    private int earlyStoppingRounds = 30;

    @Config(description = "Stratified fraction of the rows held out to measure validation log-loss; 0 holds out none.")
    private double validationFraction = 0.1;

    @Config(description = "Maximum number of quantile bins per feature.")
    private int bins = 255;

    @Config(description = "Seed of every random draw.")
    private long seed = Trainer.DEFAULT_SEED;

    @Config(description = "The label that is the positive class.")
    private String positiveLabel = TribuoData.CHURN.getLabel();

    /** Not a configuration field: it does not change the model, so it stays out of the provenance. */
    private int threads = 1;

    private int invocationCount = 0;

    /** For OLCUT, which sets the fields and then calls {@link #postConfig()}. */
    private GradientBoostingTrainer() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks the configuration; every message names the field, its value and the accepted range. */
    @Override
    public void postConfig() {
        requireRange("rounds", rounds, 1, 100_000);
        requireRange("learningRate", learningRate, 1e-9, 1.0);
        requireRange("maxDepth", maxDepth, 1, 30);
        requireRange("minChildWeight", minChildWeight, 0.0, Double.MAX_VALUE);
        requireRange("lambda", lambda, 0.0, Double.MAX_VALUE);
        requireRange("gamma", gamma, 0.0, Double.MAX_VALUE);
        requireRange("subsample", subsample, 1e-9, 1.0);
        requireRange("colsample", colsample, 1e-9, 1.0);
        requireRange("earlyStoppingRounds", earlyStoppingRounds, 0, 100_000);
        requireRange("validationFraction", validationFraction, 0.0, 0.5);
        requireRange("bins", bins, 2, 255);
        requireRange("threads", threads, 1, 1024);
        if (positiveLabel == null || positiveLabel.isEmpty()) {
            throw new PropertyException("", "positiveLabel", "positiveLabel is missing: expected the positive class's label");
        }
        if (earlyStoppingRounds > 0 && validationFraction == 0.0) {
            throw new PropertyException("", "earlyStoppingRounds", "earlyStoppingRounds is " + earlyStoppingRounds
                    + " but validationFraction is 0: early stopping needs validation rows");
        }
    }

    private static void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new PropertyException("", field, field + " is " + value + ": expected a whole number from " + min + " to " + max);
        }
    }

    private static void requireRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new PropertyException("", field, field + " is " + value + ": expected a number from " + min + " to " + max);
        }
    }

    @Override
    public synchronized int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public synchronized void setInvocationCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("invocation count is " + count + ": expected 0 or more");
        }
        invocationCount = count;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public GradientBoostingModel train(Dataset<Label> examples) {
        return train(examples, Map.of());
    }

    @Override
    public GradientBoostingModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public GradientBoostingModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance, int invocation) {
        TrainerProvenance trainerProvenance;
        synchronized (this) {
            if (invocation != INCREMENT_INVOCATION_COUNT) {
                setInvocationCount(invocation);
            }
            trainerProvenance = getProvenance();
            invocationCount++;
        }
        ImmutableOutputInfo<Label> outputs = examples.getOutputIDInfo();
        Label positive = new Label(positiveLabel);
        Label negative = negativeLabel(outputs, positive);
        ImmutableFeatureMap featureMap = examples.getFeatureIDMap();
        Columns data = columns(examples);
        Fit fit = fit(data);
        ModelProvenance provenance = new ModelProvenance(GradientBoostingModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance, runProvenance);
        return new GradientBoostingModel("gradient-boosting", provenance, featureMap, outputs, positive, negative,
                fit.trees, fit.validationLogLoss);
    }

    /** A dataset as dense, feature-major columns (by Tribuo feature id), with its labels and weights. */
    private record Columns(double[][] columns, boolean[] labels, double[] weights) {
    }

    private Columns columns(Dataset<Label> examples) {
        ImmutableFeatureMap featureMap = examples.getFeatureIDMap();
        int n = examples.size();
        double[][] columns = new double[featureMap.size()][n];
        boolean[] labels = new boolean[n];
        double[] weights = new double[n];
        int row = 0;
        for (Example<Label> example : examples) {
            labels[row] = example.getOutput().getLabel().equals(positiveLabel);
            weights[row] = example.getWeight();
            for (Feature feature : example) {
                int id = featureMap.getID(feature.getName());
                if (id >= 0) {
                    if (!Double.isFinite(feature.getValue())) {
                        throw new IllegalArgumentException("example " + row + " has feature '" + feature.getName()
                                + "' = " + feature.getValue() + ": gradient boosting needs finite feature values");
                    }
                    columns[id][row] = feature.getValue();
                }
            }
            row++;
        }
        return new Columns(columns, labels, weights);
    }

    private static Label negativeLabel(ImmutableOutputInfo<Label> outputs, Label positive) {
        if (outputs.size() != 2 || outputs.getID(positive) < 0) {
            throw new IllegalArgumentException("gradient boosting is binary: expected the labels '" + positive.getLabel()
                    + "' and one other, got " + outputs.getDomain());
        }
        for (Label label : outputs.getDomain()) {
            if (!label.equals(positive)) {
                return label;
            }
        }
        throw new IllegalStateException("a two-label domain without a second label: " + outputs.getDomain());
    }

    private record Fit(GradientBoostingModel.Trees trees, double[] validationLogLoss) {
    }

    /** The boosting loop on dense, feature-major columns. */
    private Fit fit(Columns data) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] split = validationSplit(data.labels(), random.split());
        int[] validRows = split[1];
        double[] validationLoss = new double[rounds];
        double bestLoss = Double.POSITIVE_INFINITY;
        int best = -1;
        ExecutorService executor = threads > 1 ? Executors.newFixedThreadPool(threads - 1, daemonThreads()) : null;
        Booster booster;
        try {
            booster = new Booster(data, split[0], validRows, random, executor, threads);
            for (int round = 0; round < rounds; round++) {
                booster.round();
                if (validRows.length > 0) {
                    double weight = booster.heldOutWeight();
                    validationLoss[round] = weight > 0 ? booster.heldOutLoss(round) / weight : 0.0;
                    if (validationLoss[round] < bestLoss) {
                        bestLoss = validationLoss[round];
                        best = round;
                    }
                    if (earlyStoppingRounds > 0 && round - best >= earlyStoppingRounds) {
                        break;
                    }
                }
            }
        } finally {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
        int trained = booster.trained();
        int kept = earlyStoppingRounds > 0 && best >= 0 ? best + 1 : trained;
        return new Fit(booster.trees(kept), validRows.length == 0 ? new double[0] : Arrays.copyOf(validationLoss, trained));
    }

    /**
     * The out-of-fold predictions of this configuration on {@code examples}, dealt into {@code k}
     * folds by {@code fold}: one boosting run per fold, fitted on the other folds' rows exactly as
     * {@link #train} fits (the same seeded draws, the fold's own quantile bins and base margin), and
     * watching its own fold where {@code train} would hold out {@code validationFraction} of the
     * rows, which it does not do here. After each round the <em>out-of-fold log-loss</em> is
     * measured: every row's log-loss under the run that does not fit it, averaged over all rows.
     * Early stopping applies {@code earlyStoppingRounds} to that curve as {@code train} applies it to
     * its validation curve, so the round count kept, R, is the one with the lowest out-of-fold
     * log-loss (the first such) before it failed to improve for that many rounds; with 0 every round
     * is kept. Each row's out-of-fold margin is its run's margin after R rounds. Training on all rows
     * for exactly R rounds, with no held-out rows, is then the final model these predictions describe.
     *
     * <p>The result is that of running the folds round by round together, but they need not wait
     * for each other: see {@link OutOfFoldRuns}. Here they train on up to {@link Builder#threads(int)
     * threads} threads; the result does not depend on how many.
     *
     * @param fold every row's fold, 0 to k − 1
     * @throws IllegalArgumentException if a fold is empty or a fold's fitting rows lack a class
     */
    OutOfFoldFit fitOutOfFold(Dataset<Label> examples, int[] fold, int k) {
        OutOfFoldRuns runs = outOfFoldRuns(examples, fold, k);
        int parallel = Math.min(threads, k);
        ExecutorService pool = parallel > 1 ? Executors.newFixedThreadPool(parallel, foldThreads()) : null;
        try {
            List<Runnable> work = new ArrayList<>();
            for (int f = 0; f < k; f++) {
                final int run = f;
                work.add(() -> runs.advance(run));
            }
            runAll(work, pool);
            return runs.finish(pool);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** The fold runs of {@link #fitOutOfFold}, set up and not yet trained, for callers that schedule them themselves. */
    OutOfFoldRuns outOfFoldRuns(Dataset<Label> examples, int[] fold, int k) {
        Columns data = columns(examples);
        int n = data.labels().length;
        if (fold.length != n) {
            throw new IllegalArgumentException(fold.length + " fold numbers for " + n + " rows");
        }
        Booster[] runs = new Booster[k];
        for (int f = 0; f < k; f++) {
            final int held = f;
            int[] fitRows = IntStream.range(0, n).filter(r -> fold[r] != held).toArray();
            int[] heldRows = IntStream.range(0, n).filter(r -> fold[r] == held).toArray();
            if (heldRows.length == 0) {
                throw new IllegalArgumentException("fold " + f + " of " + k + " holds no row");
            }
            SplittableRandom random = new SplittableRandom(seed);
            // The draw train() spends on its validation split, so each run draws as train() would.
            random.split();
            runs[f] = new Booster(data, fitRows, heldRows, random, null, 1);
        }
        return new OutOfFoldRuns(runs, n);
    }

    /**
     * The fold runs of one out-of-fold fit. Each run first trains on its own ({@link #advance}), as
     * far as its own fold's log-loss asks: until it has not improved for {@code earlyStoppingRounds}
     * rounds, or every round (with 0). The pooled curve usually needs no more, since its lowest
     * point tends to lie among the runs' own; {@link #finish} then reads the curve up to the rounds
     * every run has, and only if the stopping rule has not been met there trains all runs further,
     * {@link #FOLD_BLOCK} rounds at a time. Rounds past the stopping point are ignored, so the
     * result is that of the runs going round by round together, whoever trains them and in what order.
     */
    final class OutOfFoldRuns {
        private final Booster[] runs;
        private final int n;
        private final double totalWeight;

        private OutOfFoldRuns(Booster[] runs, int n) {
            this.runs = runs;
            this.n = n;
            double w = 0;
            for (Booster run : runs) {
                w += run.heldOutWeight();
            }
            this.totalWeight = w;
        }

        int folds() {
            return runs.length;
        }

        /** The trainer's provenance (configuration and seed), which every fold run shares. */
        String provenance() {
            return getProvenance().toString();
        }

        /** Trains run {@code f} alone as far as its own fold's log-loss asks (see the class comment). */
        void advance(int f) {
            Booster run = runs[f];
            double ownBest = Double.POSITIVE_INFINITY;
            int ownBestRound = -1;
            for (int r = 0; r < run.trained(); r++) {
                if (run.heldOutLoss(r) < ownBest) {
                    ownBest = run.heldOutLoss(r);
                    ownBestRound = r;
                }
            }
            while (run.trained() < rounds) {
                if (earlyStoppingRounds > 0 && run.trained() - 1 - ownBestRound >= earlyStoppingRounds) {
                    break;
                }
                run.round();
                int r = run.trained() - 1;
                if (run.heldOutLoss(r) < ownBest) {
                    ownBest = run.heldOutLoss(r);
                    ownBestRound = r;
                }
            }
        }

        /** The rounds kept and the out-of-fold margins, training the runs further on {@code pool} (or here) when the curve needs it. */
        OutOfFoldFit finish(ExecutorService pool) {
            double[] loss = new double[rounds];
            double bestLoss = Double.POSITIVE_INFINITY;
            int best = -1;
            int considered = 0;
            boolean stopped = false;
            while (true) {
                int available = rounds;
                for (Booster run : runs) {
                    available = Math.min(available, run.trained());
                }
                for (int round = considered; round < available && !stopped; round++) {
                    double sum = 0;
                    for (Booster run : runs) {
                        sum += run.heldOutLoss(round);
                    }
                    loss[round] = sum / totalWeight;
                    if (loss[round] < bestLoss) {
                        bestLoss = loss[round];
                        best = round;
                    }
                    considered = round + 1;
                    stopped = earlyStoppingRounds > 0 && round - best >= earlyStoppingRounds;
                }
                if (stopped || considered >= rounds) {
                    break;
                }
                int target = Math.min(rounds, available + FOLD_BLOCK);
                List<Runnable> work = new ArrayList<>();
                for (Booster run : runs) {
                    work.add(() -> run.rounds(target - run.trained()));
                }
                runAll(work, pool);
            }
            int kept = earlyStoppingRounds > 0 ? best + 1 : rounds;
            double[] margin = new double[n];
            List<GradientBoostingModel.Trees> trees = new ArrayList<>();
            for (Booster run : runs) {
                run.heldOutMargins(kept, margin);
                trees.add(run.trees(kept));
            }
            return new OutOfFoldFit(kept, Arrays.copyOf(loss, considered), margin, List.copyOf(trees));
        }
    }

    /**
     * What {@link #fitOutOfFold} found: the rounds to keep, the out-of-fold log-loss after each
     * round it considered, every row's out-of-fold margin (log-odds) after the kept rounds, and each
     * fold run's trees up to the kept rounds (by Tribuo feature id), the models those margins came from.
     */
    record OutOfFoldFit(int rounds, double[] logLoss, double[] margin, List<GradientBoostingModel.Trees> foldTrees) {
    }

    /** Rounds every fold run trains further, together, when the out-of-fold curve needs rounds some run lacks. */
    static final int FOLD_BLOCK = 25;

    /** Runs {@code work} on {@code pool}, or here when it is null, and waits for all of it. */
    static void runAll(List<Runnable> work, ExecutorService pool) {
        if (pool == null) {
            work.forEach(Runnable::run);
            return;
        }
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (Runnable w : work) {
            done.add(pool.submit(w));
        }
        try {
            for (java.util.concurrent.Future<?> d : done) {
                d.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("out-of-fold training was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("out-of-fold training failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * One boosting run: its fitting rows, the rows it watches (held out of fitting), and the state
     * that grows a tree per {@link #round()}. Margins are kept for every row, fitting or not.
     */
    private final class Booster {
        private final Columns data;
        private final int[] fitRows;
        private final int[] heldRows;
        private final double base;
        private final QuantileBins quantiles;
        private final int[] splittable;
        private final SplittableRandom rowDraws;
        private final SplittableRandom featureDraws;
        private final double[] margin;
        private final double[] gradient;
        private final double[] hessian;
        private final TreeGrower.Nodes nodes = new TreeGrower.Nodes();
        private final TreeGrower grower;
        private final int[] roots = new int[rounds];
        private final int[] nodesAfter = new int[rounds];
        private final double[] heldLoss = new double[rounds];
        private final double heldWeight;
        private int trained;

        /** {@code random} has made the validation split's draw already; the rows and features draw next. */
        Booster(Columns data, int[] fitRows, int[] heldRows, SplittableRandom random, ExecutorService executor, int threads) {
            this.data = data;
            this.fitRows = fitRows;
            this.heldRows = heldRows;
            boolean[] labels = data.labels();
            double[] weights = data.weights();
            double positiveWeight = 0;
            double totalWeight = 0;
            for (int r : fitRows) {
                positiveWeight += labels[r] ? weights[r] : 0.0;
                totalWeight += weights[r];
            }
            if (!(positiveWeight > 0 && positiveWeight < totalWeight)) {
                throw new IllegalArgumentException("gradient boosting needs rows of both classes to fit on: the "
                        + fitRows.length + " fitting rows have positive weight " + positiveWeight + " of " + totalWeight);
            }
            base = StrictMath.log(positiveWeight / (totalWeight - positiveWeight));
            quantiles = QuantileBins.fit(data.columns(), fitRows, bins);
            splittable = IntStream.range(0, quantiles.features()).filter(f -> quantiles.bins(f) > 1).toArray();
            rowDraws = random.split();
            featureDraws = random.split();
            int n = labels.length;
            margin = new double[n];
            Arrays.fill(margin, base);
            gradient = new double[n];
            hessian = new double[n];
            grower = new TreeGrower(quantiles, n, maxDepth, minChildWeight, lambda, gamma, learningRate, executor, threads);
            double w = 0;
            for (int r : heldRows) {
                w += weights[r];
            }
            heldWeight = w;
        }

        /** Grows the next tree on the fitting rows and adds it to every row's margin. */
        void round() {
            boolean[] labels = data.labels();
            double[] weights = data.weights();
            for (int r : fitRows) {
                // StrictMath: the same bits on every JVM and CPU, so the trees are too.
                double p = 1.0 / (1.0 + StrictMath.exp(-margin[r]));
                gradient[r] = weights[r] * (p - (labels[r] ? 1.0 : 0.0));
                hessian[r] = Math.max(weights[r] * p * (1.0 - p), MIN_HESSIAN);
            }
            int[] rows = draw(fitRows, subsample, rowDraws);
            int[] features = draw(splittable, colsample, featureDraws);
            int round = trained;
            roots[round] = grower.grow(rows, features, gradient, hessian, nodes);
            nodesAfter[round] = nodes.size();
            for (int r = 0; r < margin.length; r++) {
                margin[r] += nodes.leafValue(roots[round], r, quantiles);
            }
            heldLoss[round] = heldRows.length == 0 ? 0.0 : logLossSum(heldRows, margin, labels, weights);
            trained = round + 1;
        }

        /** Up to {@code count} more rounds, never past the configured number. */
        void rounds(int count) {
            for (int i = 0; i < count && trained < rounds; i++) {
                round();
            }
        }

        int trained() {
            return trained;
        }

        /** The held-out rows' weighted log-loss, summed, after round {@code round} (0-based). */
        double heldOutLoss(int round) {
            return heldLoss[round];
        }

        double heldOutWeight() {
            return heldWeight;
        }

        /** The held-out rows' margins after the first {@code kept} rounds, written at their row positions. */
        void heldOutMargins(int kept, double[] out) {
            for (int r : heldRows) {
                double m = base;
                for (int t = 0; t < kept; t++) {
                    m += nodes.leafValue(roots[t], r, quantiles);
                }
                out[r] = m;
            }
        }

        GradientBoostingModel.Trees trees(int kept) {
            return nodes.trees(base, Arrays.copyOf(roots, kept), nodesAfter[kept - 1]);
        }
    }

    /** Fitting rows and validation rows, both ascending: each class is shuffled and cut on its own. */
    private int[][] validationSplit(boolean[] labels, SplittableRandom random) {
        boolean[] held = new boolean[labels.length];
        for (boolean cls : new boolean[] {true, false}) {
            int[] members = IntStream.range(0, labels.length).filter(i -> labels[i] == cls).toArray();
            int take = (int) Math.round(members.length * validationFraction);
            // A partial Fisher-Yates shuffle: the first 'take' slots are a uniform sample.
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(members.length - i);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
                held[members[i]] = true;
            }
        }
        int[] valid = IntStream.range(0, labels.length).filter(i -> held[i]).toArray();
        int[] fitting = IntStream.range(0, labels.length).filter(i -> !held[i]).toArray();
        return new int[][] {fitting, valid};
    }

    /** A uniform sample of round(fraction × size) of {@code from} (at least one), kept in ascending order. */
    private static int[] draw(int[] from, double fraction, SplittableRandom random) {
        int need = Math.max(1, (int) Math.round(fraction * from.length));
        if (need >= from.length) {
            return from.clone();
        }
        int[] chosen = new int[need];
        // Selection sampling: each element is taken with probability still-needed / still-left, so
        // exactly 'need' are taken, in order. nextDouble rather than nextInt(bound): no division per row.
        int taken = 0;
        for (int i = 0; i < from.length && taken < need; i++) {
            if (random.nextDouble() * (from.length - i) < need - taken) {
                chosen[taken++] = from[i];
            }
        }
        return chosen;
    }

    /** The rows' weighted log-loss, summed (divide by their weight for the mean). */
    private static double logLossSum(int[] rows, double[] margin, boolean[] labels, double[] weights) {
        double loss = 0;
        for (int r : rows) {
            double m = margin[r];
            // log(1 + e^m) - y·m, computed without overflow for large |m|.
            double softplus = m > 0 ? m + StrictMath.log1p(StrictMath.exp(-m)) : StrictMath.log1p(StrictMath.exp(m));
            loss += weights[r] * (softplus - (labels[r] ? m : 0.0));
        }
        return loss;
    }

    private static ThreadFactory foldThreads() {
        return task -> {
            Thread thread = new Thread(task, "gradient-boosting-folds");
            thread.setDaemon(true);
            return thread;
        };
    }

    private static ThreadFactory daemonThreads() {
        return task -> {
            Thread thread = new Thread(task, "gradient-boosting-histograms");
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "GradientBoostingTrainer(rounds=" + rounds + ",learningRate=" + learningRate + ",maxDepth=" + maxDepth
                + ",minChildWeight=" + minChildWeight + ",lambda=" + lambda + ",gamma=" + gamma + ",subsample=" + subsample
                + ",colsample=" + colsample + ",earlyStoppingRounds=" + earlyStoppingRounds + ",validationFraction="
                + validationFraction + ",bins=" + bins + ",seed=" + seed + ",positiveLabel=" + positiveLabel + ")";
    }

    /** Builds a trainer; every setting starts at the default stated on its field. */
    public static final class Builder {
        private final GradientBoostingTrainer t = new GradientBoostingTrainer();
        private boolean built;

        private Builder() {
        }

        public Builder rounds(int v) {
            t.rounds = v;
            return this;
        }

        public Builder learningRate(double v) {
            t.learningRate = v;
            return this;
        }

        public Builder maxDepth(int v) {
            t.maxDepth = v;
            return this;
        }

        public Builder minChildWeight(double v) {
            t.minChildWeight = v;
            return this;
        }

        public Builder lambda(double v) {
            t.lambda = v;
            return this;
        }

        public Builder gamma(double v) {
            t.gamma = v;
            return this;
        }

        public Builder subsample(double v) {
            t.subsample = v;
            return this;
        }

        public Builder colsample(double v) {
            t.colsample = v;
            return this;
        }

        public Builder earlyStoppingRounds(int v) {
            t.earlyStoppingRounds = v;
            return this;
        }

        public Builder validationFraction(double v) {
            t.validationFraction = v;
            return this;
        }

        public Builder bins(int v) {
            t.bins = v;
            return this;
        }

        public Builder seed(long v) {
            t.seed = v;
            return this;
        }

        public Builder positiveLabel(String v) {
            t.positiveLabel = v;
            return this;
        }

        /** Threads that build histograms (1 = the calling thread only); the model does not depend on it. */
        public Builder threads(int v) {
            t.threads = v;
            return this;
        }

        /** The checked trainer; a builder builds once, as the trainer is not copied. */
        public GradientBoostingTrainer build() {
            if (built) {
                throw new IllegalStateException("this builder has already built its trainer");
            }
            t.postConfig();
            built = true;
            return t;
        }
    }
}
