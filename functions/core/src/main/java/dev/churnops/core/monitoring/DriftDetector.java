package dev.churnops.core.monitoring;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.monitoring.BaselineStatistics.CategoricalBucket;
import dev.churnops.core.monitoring.BaselineStatistics.Kll;
import dev.churnops.core.monitoring.BaselineStatistics.KllBucket;
import dev.churnops.core.monitoring.ConstraintViolations.Violation;
import dev.churnops.core.monitoring.DriftConfig.Thresholds;
import dev.churnops.core.monitoring.FeatureDrift.Status;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Compares current data (and optionally current scores) with a {@link MonitoringBaseline}.
 *
 * <p>Per baseline feature: numbers are counted into the baseline's KLL buckets (the outer buckets
 * open-ended) and categories into the baseline's values plus one "other" bin for values unseen at
 * training time; on those bins it computes PSI and KL(current || baseline) with additive smoothing
 * ({@link DriftConfig#smoothingEpsilon()}), and the Jensen-Shannon distance (base 2, unsmoothed),
 * and keeps the bins' baseline and current shares for charts. Numbers also get the Wasserstein-1
 * distance between the baseline's and the current data's nearest-rank percentiles p0..p100 (exact
 * W1 of those two 101-point samples; also divided by the baseline's standard deviation), the
 * current percentiles found without sorting the column ({@link NumericBuckets#measure}); and the
 * two-sample KS statistic
 * against the band the baseline's percentiles put its CDF in (never above the raw-data statistic,
 * at most 0.01 below it, see {@link NumericBuckets#ksAgainstPercentiles}) with its asymptotic
 * p-value ({@link DriftStatistics#ksPValue}). Categories get the chi-squared test of homogeneity
 * and the largest change of one category's share.
 *
 * <p>Verdict, sample-size aware. The p-values of all compared features are adjusted together
 * (Benjamini-Hochberg or Holm). A feature with fewer current values than
 * {@link DriftConfig#smallSampleRows()} drifts when its adjusted p-value is below alpha (rule
 * {@link DriftRule#TEST}). With more, a test on many rows finds every negligible real difference
 * significant, so it drifts when PSI, KL or JS is above its threshold ({@link DriftRule#PSI},
 * {@link DriftRule#KL}, {@link DriftRule#JS}), or when the adjusted p-value is below alpha and the
 * effect is practically large ({@link DriftRule#TEST_AND_EFFECT}): a KS statistic or a Wasserstein
 * distance in baseline standard deviations at least its minimum for numbers, a change of one
 * category's (or bucket's) share at least its minimum otherwise. Thresholds and minimums are
 * per feature or global ({@link DriftConfig.Thresholds}). A feature that cannot be compared
 * (missing column, type changed, no current values) counts as drifted
 * ({@link DriftRule#NOT_COMPARABLE}). Missing-rate changes, wrong-typed values and unseen
 * categories are reported as their own violations. The score distribution is judged the same
 * way, as its own family of one test, and is not counted in the drift share.
 *
 * <p>Features are measured in parallel (the common fork-join pool); each feature's results and
 * violations are kept with it and assembled in feature order, so the report does not depend on
 * the scheduling.
 */
public final class DriftDetector {

    private static final int LISTED_NEW_CATEGORIES = 10;
    private static final int KEPT_NEW_CATEGORIES = 100;
    private static final String OTHER_BIN = "(other)";

    private final DriftConfig config;

    public DriftDetector(DriftConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("A drift detector needs a config: use DriftConfig.defaults() for the defaults.");
        }
        this.config = config;
    }

    /** Compares {@code current}'s features with the baseline; no prediction drift. */
    public DriftReport detect(MonitoringBaseline baseline, LabeledTable current) {
        return detect(baseline, current, null);
    }

    /**
     * Compares {@code current}'s features, and {@code scores} when not null (NaN = missing), with
     * the baseline.
     *
     * @throws IllegalArgumentException when {@code current} has no rows, {@code scores} is empty, or
     *                                  scores are given but the baseline has no score distribution
     */
    public DriftReport detect(MonitoringBaseline baseline, LabeledTable current, double[] scores) {
        if (baseline == null || current == null) {
            throw new IllegalArgumentException("Drift detection needs a baseline and current data.");
        }
        return detect(baseline, FeatureColumns.of(current), scores);
    }

    /** Like {@link #detect(MonitoringBaseline, LabeledTable, double[])}, on columns built without a table. */
    public DriftReport detect(MonitoringBaseline baseline, FeatureColumns current, double[] scores) {
        if (baseline == null || current == null) {
            throw new IllegalArgumentException("Drift detection needs a baseline and current data.");
        }
        long baselineRows = baseline.statistics().dataset().itemCount();
        if (current.size() == 0) {
            throw new IllegalArgumentException("The current data has no rows: there is nothing to compare with the"
                    + " baseline's " + baselineRows + " rows.");
        }
        if (scores != null && !baseline.hasScores()) {
            throw new IllegalArgumentException("Scores were given but the baseline has no score distribution (no feature '"
                    + MonitoringBaseline.SCORE_FEATURE + "' in statistics.json): build the baseline with the training scores.");
        }
        if (scores != null && scores.length == 0) {
            throw new IllegalArgumentException("The current scores are empty: give at least one score, or null for none.");
        }
        BaselineConstraints.MonitoringConfig monitoring = baseline.constraints().monitoringConfig();
        List<Draft> drafts = new ArrayList<>();
        for (BaselineStatistics.Feature feature : baseline.statistics().features()) {
            if (!feature.name().equals(MonitoringBaseline.SCORE_FEATURE)) {
                drafts.add(new Draft(feature, completeness(baseline, feature)));
            }
        }
        Draft prediction = null;
        if (scores != null) {
            BaselineStatistics.Feature feature = baseline.statistics().feature(MonitoringBaseline.SCORE_FEATURE).orElseThrow();
            prediction = new Draft(feature, completeness(baseline, feature));
        }
        List<Draft> all = new ArrayList<>(drafts);
        if (prediction != null) {
            all.add(prediction);
        }
        Draft score = prediction;
        // Each draft writes only to itself, so measuring in parallel gives the same report as in sequence.
        IntStream.range(0, all.size()).parallel().forEach(i -> {
            Draft d = all.get(i);
            if (d == score) {
                numeric(d, scores, monitoring);
            } else {
                measure(d, current, baseline, monitoring);
            }
        });

        List<Violation> violations = new ArrayList<>();
        drafts.forEach(d -> violations.addAll(d.violations));
        for (String name : current.featureNames()) {
            if (baseline.statistics().feature(name).isEmpty()) {
                violations.add(new Violation(name, CheckType.EXTRA_COLUMN_CHECK, "Feature '" + name
                        + "' is in the current data but not in the baseline: it is not monitored."));
            }
        }
        judge(drafts, violations);
        if (prediction != null) {
            violations.addAll(prediction.violations);
            judge(List.of(prediction), violations);
        }

        List<String> drifted = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.drifted) {
                drifted.add(d.feature.name());
            }
        }
        double share = drafts.isEmpty() ? 0 : (double) drifted.size() / drafts.size();
        DriftSummary summary = new DriftSummary(drifted, share, !drafts.isEmpty() && share >= config.driftShareThreshold(),
                config.driftShareThreshold(), drafts.size(), prediction == null ? null : prediction.drifted,
                violations.size(), baselineRows, current.size());
        List<DriftMetric> metrics = new ArrayList<>();
        metrics.add(new DriftMetric(null, "drift_share", share, config.driftShareThreshold()));
        metrics.add(new DriftMetric(null, "drifted_features", drifted.size(), null));
        for (Draft d : drafts) {
            d.metrics(metrics);
        }
        if (prediction != null) {
            prediction.metrics(metrics);
        }
        List<FeatureDrift> features = new ArrayList<>();
        drafts.forEach(d -> features.add(d.toFeatureDrift()));
        return new DriftReport(summary, features, prediction == null ? null : prediction.toFeatureDrift(),
                new ConstraintViolations(violations), metrics, config);
    }

    private void measure(Draft draft, FeatureColumns current, MonitoringBaseline baseline,
                         BaselineConstraints.MonitoringConfig monitoring) {
        BaselineStatistics.Feature feature = draft.feature;
        if (!current.featureNames().contains(feature.name())) {
            draft.status = Status.MISSING_COLUMN;
            draft.add(CheckType.MISSING_COLUMN_CHECK, "Feature '" + feature.name()
                    + "' of the baseline is not in the current data, whose features are: "
                    + String.join(", ", current.featureNames()) + ".");
            return;
        }
        ColumnType type = current.featureType(feature.name());
        if (feature.inferredType().numeric() != (type == ColumnType.NUMERIC)) {
            draft.status = Status.TYPE_CHANGED;
            draft.add(CheckType.DATA_TYPE_CHECK, "Feature '" + feature.name() + "' was "
                    + feature.inferredType().label() + " in the baseline but the current data holds it as "
                    + type + " values: its distribution cannot be compared.");
            return;
        }
        if (type == ColumnType.NUMERIC) {
            numeric(draft, current.numericView(feature.name()), monitoring);
        } else {
            categorical(draft, current.categoricalView(feature.name()), baseline, monitoring);
        }
    }

    private static double completeness(MonitoringBaseline baseline, BaselineStatistics.Feature feature) {
        return baseline.constraints().feature(feature.name()).map(BaselineConstraints.Feature::completeness)
                .orElseGet(() -> {
                    BaselineStatistics.Common common = feature.common();
                    long rows = common.numPresent() + common.numMissing();
                    return rows == 0 ? 1.0 : (double) common.numPresent() / rows;
                });
    }

    private void numeric(Draft draft, double[] values, BaselineConstraints.MonitoringConfig monitoring) {
        String name = draft.feature.name();
        BaselineStatistics.NumericalStatistics stats = draft.feature.numericalStatistics();
        Kll kll = stats.distribution() == null ? null : stats.distribution().kll();
        double[] percentiles = kll == null ? null : percentiles(kll);
        double[] upper = kll == null ? new double[0] : new double[kll.buckets().size()];
        for (int i = 0; i < upper.length; i++) {
            upper[i] = kll.buckets().get(i).upperBound();
        }
        NumericBuckets.Measured measured = percentiles == null || upper.length == 0 || draft.baselineCount == 0 ? null
                : NumericBuckets.measure(percentiles, upper, values);
        long present = 0;
        long fractional = 0;
        if (measured != null) {
            present = measured.present();
            fractional = measured.fractional();
        } else {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    present++;
                    fractional += v == Math.rint(v) ? 0 : 1;
                }
            }
        }
        if (!presence(draft, present, values.length)) {
            return;
        }
        if (draft.feature.inferredType() == InferredType.INTEGRAL) {
            double share = (double) fractional / present;
            if (share > monitoring.datatypeCheckThreshold()) {
                draft.add(CheckType.DATA_TYPE_CHECK, String.format(Locale.ROOT,
                        "Feature '%s' was Integral in the baseline but %.1f%% of its current values are fractional"
                                + " (more than the datatype_check_threshold of %.1f%%).",
                        name, 100 * share, 100 * monitoring.datatypeCheckThreshold()));
            }
        }
        if (kll == null || kll.buckets().isEmpty()) {
            throw new IllegalArgumentException("The baseline statistics of feature '" + name
                    + "' have values but no distribution.kll.buckets: the baseline cannot be compared against.");
        }
        double[] expected = new double[upper.length];
        String[] labels = new String[upper.length];
        for (int i = 0; i < upper.length; i++) {
            KllBucket bucket = kll.buckets().get(i);
            expected[i] = bucket.count();
            labels[i] = upper.length == 1 ? "all values"
                    : i == 0 ? "\u2264 " + number(bucket.upperBound())
                    : i == upper.length - 1 ? "> " + number(bucket.lowerBound())
                    : "(" + number(bucket.lowerBound()) + ", " + number(bucket.upperBound()) + "]";
        }
        double[] actual = measured != null ? measured.bucketCounts() : NumericBuckets.counts(upper, values);
        distances(draft, labels, expected, actual);
        if (measured != null) {
            draft.ksStatistic = measured.ksStatistic();
            draft.pValue = DriftStatistics.ksPValue(draft.ksStatistic, draft.baselineCount, present);
            draft.wasserstein = DriftStatistics.wasserstein(percentiles, measured.percentiles());
            if (stats.stdDev() != null && stats.stdDev() > 0) {
                draft.wassersteinInStd = draft.wasserstein / stats.stdDev();
            }
        } else {
            // A baseline written elsewhere may carry a real KLL sketch: test the buckets instead.
            DriftStatistics.ChiSquared test = DriftStatistics.chiSquaredHomogeneity(expected, actual);
            draft.chiSquared = test.statistic();
            draft.chiSquaredDf = test.degreesOfFreedom();
            draft.pValue = test.pValue();
            draft.maxShareChange = maxShareChange(draft.bins);
        }
    }

    /** A bucket bound for a label: up to six significant digits, no exponent, no trailing zeros. */
    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return value == 0 ? "0" : new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static double[] percentiles(Kll kll) {
        if (kll.sketch() == null || kll.sketch().data() == null || kll.sketch().data().size() != 1
                || kll.sketch().data().get(0).size() != NumericBuckets.PERCENTILES + 1) {
            return null;
        }
        return kll.sketch().data().get(0).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void categorical(Draft draft, String[] values, MonitoringBaseline baseline,
                             BaselineConstraints.MonitoringConfig monitoring) {
        String name = draft.feature.name();
        // One hash lookup per value; a million rows hold a handful of distinct values.
        Map<String, long[]> tally = new HashMap<>();
        long present = 0;
        String last = null;
        long[] lastCount = null;
        for (String v : values) {
            if (v == null) {
                continue;
            }
            present++;
            if (v != last) {
                last = v;
                lastCount = tally.computeIfAbsent(v, k -> new long[1]);
            }
            lastCount[0]++;
        }
        if (!presence(draft, present, values.length)) {
            return;
        }
        List<CategoricalBucket> buckets = draft.feature.stringStatistics().distribution() == null ? List.of()
                : draft.feature.stringStatistics().distribution().categorical().buckets();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (CategoricalBucket bucket : buckets) {
            index.putIfAbsent(bucket.value(), index.size());
        }
        double[] expected = new double[index.size() + 1];
        for (CategoricalBucket bucket : buckets) {
            expected[index.get(bucket.value())] += bucket.count();
        }
        double[] actual = new double[index.size() + 1];
        // The domain constraint when the baseline wrote one (few values), else every baseline value.
        BaselineConstraints.StringConstraints constraint = baseline.constraints().feature(name)
                .map(BaselineConstraints.Feature::stringConstraints).orElse(null);
        Set<String> domain = constraint == null ? index.keySet() : new HashSet<>(constraint.domains());
        TreeSet<String> unseen = new TreeSet<>();
        long outsideDomain = 0;
        for (Map.Entry<String, long[]> e : tally.entrySet()) {
            long count = e.getValue()[0];
            actual[index.getOrDefault(e.getKey(), index.size())] += count;
            if (!domain.contains(e.getKey())) {
                outsideDomain += count;
                unseen.add(e.getKey());
            }
        }
        String[] labels = index.keySet().toArray(new String[index.size() + 1]);
        labels[index.size()] = OTHER_BIN;
        // The "other" bin only exists when some current value is new.
        int bins = actual[index.size()] == 0 ? index.size() : index.size() + 1;
        double[] e = Arrays.copyOf(expected, bins);
        double[] a = Arrays.copyOf(actual, bins);
        distances(draft, Arrays.copyOf(labels, bins), e, a);
        DriftStatistics.ChiSquared test = DriftStatistics.chiSquaredHomogeneity(e, a);
        draft.chiSquared = test.statistic();
        draft.chiSquaredDf = test.degreesOfFreedom();
        draft.pValue = test.pValue();
        draft.maxShareChange = maxShareChange(draft.bins);
        draft.unknownShare = (double) outsideDomain / present;
        draft.unknownShareThreshold = monitoring.domainContentThreshold();
        draft.newCategories = unseen.stream().limit(KEPT_NEW_CATEGORIES).toList();
        if (draft.unknownShare > monitoring.domainContentThreshold()) {
            String listed = String.join(", ", unseen.stream().limit(LISTED_NEW_CATEGORIES).map(v -> "'" + v + "'").toList());
            draft.add(CheckType.CATEGORICAL_VALUES_CHECK, String.format(Locale.ROOT,
                    "Feature '%s' has %.1f%% of its current values outside the baseline's values (more than the"
                            + " domain_content_threshold of %.1f%%); new values: %s%s.",
                    name, 100 * draft.unknownShare, 100 * monitoring.domainContentThreshold(), listed,
                    unseen.size() > LISTED_NEW_CATEGORIES ? " and " + (unseen.size() - LISTED_NEW_CATEGORIES) + " more" : ""));
        }
    }

    private static double maxShareChange(List<DriftBin> bins) {
        double max = 0;
        for (DriftBin bin : bins) {
            max = Math.max(max, Math.abs(bin.currentShare() - bin.baselineShare()));
        }
        return max;
    }

    /** Records counts and completeness; false when there is nothing to compare. */
    private boolean presence(Draft draft, long present, long rows) {
        String name = draft.feature.name();
        draft.currentCount = present;
        draft.currentCompleteness = (double) present / rows;
        if (present == 0) {
            draft.status = Status.NO_CURRENT_VALUES;
            draft.add(CheckType.COMPLETENESS_CHECK, "Feature '" + name + "' has no values in the current"
                    + " data (all " + rows + " missing): its distribution cannot be compared.");
            return false;
        }
        if (draft.currentCompleteness < draft.baselineCompleteness - config.completenessTolerance()) {
            draft.add(CheckType.COMPLETENESS_CHECK, String.format(Locale.ROOT,
                    "Feature '%s' is present in %.1f%% of the current rows against %.1f%% in the baseline"
                            + " (more than the tolerated %.1f points lower).", name, 100 * draft.currentCompleteness,
                    100 * draft.baselineCompleteness, 100 * config.completenessTolerance()));
        }
        if (draft.baselineCount == 0) {
            draft.status = Status.NO_BASELINE_VALUES;
            return false;
        }
        return true;
    }

    private void distances(Draft draft, String[] labels, double[] expected, double[] actual) {
        draft.psi = DriftStatistics.psi(expected, actual, config.smoothingEpsilon());
        draft.kl = DriftStatistics.kullbackLeibler(expected, actual, config.smoothingEpsilon());
        draft.js = DriftStatistics.jensenShannonDistance(expected, actual);
        double totalExpected = Arrays.stream(expected).sum();
        double totalActual = Arrays.stream(actual).sum();
        for (int i = 0; i < labels.length; i++) {
            draft.bins.add(new DriftBin(labels[i], expected[i] / totalExpected, actual[i] / totalActual));
        }
    }

    /** Adjusts the family's p-values, then gives every compared feature its verdict and violation. */
    private void judge(List<Draft> family, List<Violation> violations) {
        List<Draft> tested = family.stream().filter(d -> d.status == Status.COMPARED && d.pValue != null).toList();
        double[] adjusted = config.adjust(tested.stream().mapToDouble(d -> d.pValue).toArray());
        for (int i = 0; i < tested.size(); i++) {
            tested.get(i).adjustedPValue = adjusted[i];
        }
        for (Draft d : family) {
            switch (d.status) {
                case MISSING_COLUMN, TYPE_CHANGED, NO_CURRENT_VALUES -> {
                    d.drifted = true;
                    d.rules.add(DriftRule.NOT_COMPARABLE);
                }
                case NO_BASELINE_VALUES -> d.drifted = false;
                case COMPARED -> verdict(d, violations);
                default -> throw new IllegalStateException("unknown status " + d.status);
            }
        }
    }

    private void verdict(Draft d, List<Violation> violations) {
        String name = d.feature.name();
        d.thresholds = config.thresholdsFor(name);
        Thresholds t = d.thresholds;
        boolean significant = d.adjustedPValue < config.alpha();
        String test = d.ksStatistic != null ? "KS" : "chi-squared";
        String significance = String.format(Locale.ROOT, "%s p-value %.3g, %s-adjusted %.3g < alpha %.3g with %d current values",
                test, d.pValue, config.correction().label(), d.adjustedPValue, config.alpha(), d.currentCount);
        if (d.currentCount < config.smallSampleRows()) {
            d.judgedBy = FeatureDrift.BY_TEST;
            if (significant) {
                d.rules.add(DriftRule.TEST);
                d.reasons.add(significance);
            }
        } else {
            d.judgedBy = FeatureDrift.BY_DISTANCE_OR_EFFECT;
            exceeds(d, DriftRule.PSI, "PSI", d.psi, t.psi());
            exceeds(d, DriftRule.KL, "KL", d.kl, t.kl());
            exceeds(d, DriftRule.JS, "JS distance", d.js, t.js());
            if (significant) {
                List<String> effects = new ArrayList<>();
                atLeast(effects, "KS statistic", d.ksStatistic, t.minKsStatistic());
                atLeast(effects, "Wasserstein distance in baseline standard deviations", d.wassersteinInStd,
                        t.minWassersteinInStd());
                atLeast(effects, "largest change of one " + (d.feature.inferredType().numeric() ? "bucket's" : "category's")
                        + " share", d.maxShareChange, t.minShareChange());
                if (!effects.isEmpty()) {
                    d.rules.add(DriftRule.TEST_AND_EFFECT);
                    d.reasons.add(significance + ", and " + String.join(" and ", effects));
                }
            }
        }
        d.drifted = !d.rules.isEmpty();
        if (d.drifted) {
            String what = name.equals(MonitoringBaseline.SCORE_FEATURE) ? "The score distribution ('" + name + "')"
                    : "Feature '" + name + "'";
            violations.add(new Violation(name, CheckType.BASELINE_DRIFT_CHECK, what + " drifted from the baseline: "
                    + String.join("; ", d.reasons) + "."));
        }
    }

    private static void exceeds(Draft d, DriftRule rule, String metric, double value, double threshold) {
        if (value > threshold) {
            d.rules.add(rule);
            d.reasons.add(String.format(Locale.ROOT, "%s %.4f > %s", metric, value, threshold));
        }
    }

    private static void atLeast(List<String> effects, String metric, Double value, double minimum) {
        if (value != null && value >= minimum) {
            effects.add(String.format(Locale.ROOT, "%s %.4f \u2265 minimum %s", metric, value, minimum));
        }
    }

    /** A feature's comparison while it is being worked out; written by one thread only. */
    private final class Draft {
        final BaselineStatistics.Feature feature;
        final long baselineCount;
        final double baselineCompleteness;
        Status status = Status.COMPARED;
        String judgedBy;
        long currentCount;
        Double currentCompleteness;
        Double psi;
        Double kl;
        Double js;
        Double wasserstein;
        Double wassersteinInStd;
        Double ksStatistic;
        Double chiSquared;
        Integer chiSquaredDf;
        Double pValue;
        Double adjustedPValue;
        Double maxShareChange;
        Double unknownShare;
        Double unknownShareThreshold;
        List<String> newCategories;
        boolean drifted;
        Thresholds thresholds;
        final List<DriftRule> rules = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final List<DriftBin> bins = new ArrayList<>();
        /** Violations found while measuring, in the order found; the drift verdict's comes later. */
        final List<Violation> violations = new ArrayList<>();

        Draft(BaselineStatistics.Feature feature, double baselineCompleteness) {
            this.feature = feature;
            this.baselineCount = feature.common().numPresent();
            this.baselineCompleteness = baselineCompleteness;
        }

        void add(CheckType type, String description) {
            violations.add(new Violation(feature.name(), type, description));
        }

        void metrics(List<DriftMetric> out) {
            String name = feature.name();
            Map<String, Double[]> values = new LinkedHashMap<>();
            if (currentCompleteness != null) {
                values.put("completeness", new Double[] {currentCompleteness,
                    Math.max(0, baselineCompleteness - config.completenessTolerance())});
            }
            Thresholds t = thresholds == null ? config.thresholdsFor(name) : thresholds;
            values.put("psi", new Double[] {psi, t.psi()});
            values.put("kl", new Double[] {kl, t.kl()});
            values.put("js", new Double[] {js, t.js()});
            values.put("wasserstein", new Double[] {wasserstein, null});
            values.put("wasserstein_in_std", new Double[] {wassersteinInStd, t.minWassersteinInStd()});
            values.put("ks_statistic", new Double[] {ksStatistic, t.minKsStatistic()});
            values.put("chi_squared", new Double[] {chiSquared, null});
            values.put("max_share_change", new Double[] {maxShareChange, t.minShareChange()});
            values.put("p_value", new Double[] {pValue, null});
            values.put("adjusted_p_value", new Double[] {adjustedPValue, config.alpha()});
            values.put("unknown_share", new Double[] {unknownShare, unknownShareThreshold});
            values.put("drifted", new Double[] {drifted ? 1.0 : 0.0, null});
            values.forEach((metric, pair) -> {
                if (pair[0] != null) {
                    out.add(new DriftMetric(name, metric, pair[0], pair[1]));
                }
            });
        }

        FeatureDrift toFeatureDrift() {
            return new FeatureDrift(feature.name(), feature.inferredType(), status, judgedBy, baselineCount, currentCount,
                    baselineCompleteness, currentCompleteness, psi, kl, js, wasserstein, wassersteinInStd, ksStatistic,
                    chiSquared, chiSquaredDf, pValue, adjustedPValue, maxShareChange, unknownShare, newCategories,
                    drifted, rules, reasons, bins);
        }
    }
}
