package dev.churnops.core.monitoring;

import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.json.Json;
import dev.churnops.core.monitoring.BaselineStatistics.Categorical;
import dev.churnops.core.monitoring.BaselineStatistics.CategoricalBucket;
import dev.churnops.core.monitoring.BaselineStatistics.Common;
import dev.churnops.core.monitoring.BaselineStatistics.Kll;
import dev.churnops.core.monitoring.BaselineStatistics.KllBucket;
import dev.churnops.core.monitoring.BaselineStatistics.KllParameters;
import dev.churnops.core.monitoring.BaselineStatistics.KllSketch;
import dev.churnops.core.monitoring.BaselineStatistics.NumericalDistribution;
import dev.churnops.core.monitoring.BaselineStatistics.NumericalStatistics;
import dev.churnops.core.monitoring.BaselineStatistics.StringDistribution;
import dev.churnops.core.monitoring.BaselineStatistics.StringStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training-time baseline monitoring compares against: {@code statistics.json} and
 * {@code constraints.json} in SageMaker Model Monitor's layout, made from the training table and,
 * when given, the model's scores on it (kept as the extra numeric feature {@value #SCORE_FEATURE},
 * so prediction drift is measured like any feature).
 *
 * <p>Layout confirmed from the SageMaker developer guide's schema pages: statistics {@code version},
 * {@code dataset.item_count}, {@code features[].name / inferred_type (Integral | Fractional | String)},
 * {@code numerical_statistics.common.num_present / num_missing}, {@code mean, sum, std_dev, min, max},
 * {@code distribution.kll.buckets[].lower_bound / upper_bound / count},
 * {@code distribution.kll.sketch.parameters.c / k} and {@code sketch.data} (a list of lists),
 * {@code string_statistics.common / distinct_count / distribution.categorical.buckets[].value / count};
 * constraints {@code version}, {@code features[].name / inferred_type / completeness /
 * num_constraints.is_non_negative / string_constraints.domains / monitoringConfigOverrides},
 * {@code monitoring_config.evaluate_constraints / emit_metrics / datatype_check_threshold /
 * domain_content_threshold / distribution_constraints.perform_comparison / comparison_threshold /
 * comparison_method / categorical_comparison_threshold / categorical_drift_method}; and that Model
 * Monitor materialises numeric distributions in 10 buckets. Not confirmed there, and chosen here:
 * sketch parameters c = 0.64, k = 2048 (Deequ's KLL defaults, which Model Monitor is built on), the
 * monitoring_config values (the documented example's 0.1 thresholds), and the domain size limit.
 *
 * <p>Computed exactly rather than sketched: buckets are cut at the distinct nearest-rank deciles
 * (one bucket per value when a column has at most 10 distinct values), and {@code sketch.data}
 * holds one level with the exact nearest-rank percentiles p0..p100, which the detector reads for
 * the KS test and the Wasserstein distance. Standard deviation is the population one. Features and
 * categories are written in a fixed order (table order; categories sorted), so the same data gives
 * the same bytes.
 */
public record MonitoringBaseline(BaselineStatistics statistics, BaselineConstraints constraints) {

    /** The name the score distribution is kept under in both documents. */
    public static final String SCORE_FEATURE = "churn_probability";
    /** Categorical features with at most this many values get a domain constraint. */
    public static final int MAX_DOMAIN_SIZE = 50;
    static final KllParameters KLL_PARAMETERS = new KllParameters(0.64, 2048);
    static final double DEFAULT_DATATYPE_CHECK_THRESHOLD = 0.1;
    static final double DEFAULT_DOMAIN_CONTENT_THRESHOLD = 0.1;

    public MonitoringBaseline {
        if (statistics == null || constraints == null) {
            throw new IllegalArgumentException("A monitoring baseline needs both statistics and constraints.");
        }
    }

    /** The baseline of {@code table}'s features, without a score distribution. */
    public static MonitoringBaseline of(LabeledTable table) {
        return of(table, null);
    }

    /**
     * The baseline of {@code table}'s features plus, when {@code scores} is not null, the score
     * distribution (NaN counts as a missing score).
     *
     * @throws IllegalArgumentException when a feature is called {@value #SCORE_FEATURE}, the name
     *                                  reserved for the scores (with or without them, so the detector
     *                                  never mistakes such a feature for scores)
     */
    public static MonitoringBaseline of(LabeledTable table, double[] scores) {
        return of(FeatureColumns.of(table), scores);
    }

    /** Like {@link #of(LabeledTable, double[])}, on columns built without a table. */
    public static MonitoringBaseline of(FeatureColumns table, double[] scores) {
        if (table.featureNames().contains(SCORE_FEATURE)) {
            throw new IllegalArgumentException("The table has a feature called '" + SCORE_FEATURE
                    + "', the name monitoring reserves for the score distribution: rename the feature.");
        }
        List<BaselineStatistics.Feature> statistics = new ArrayList<>();
        List<BaselineConstraints.Feature> constraints = new ArrayList<>();
        for (String name : table.featureNames()) {
            if (table.featureType(name) == ColumnType.NUMERIC) {
                numeric(name, table.numericView(name), statistics, constraints);
            } else {
                categorical(name, table.categoricalView(name), statistics, constraints);
            }
        }
        if (scores != null) {
            numeric(SCORE_FEATURE, scores, statistics, constraints);
        }
        BaselineConstraints.MonitoringConfig config = new BaselineConstraints.MonitoringConfig("Enabled", "Enabled",
                DEFAULT_DATATYPE_CHECK_THRESHOLD, DEFAULT_DOMAIN_CONTENT_THRESHOLD,
                new BaselineConstraints.DistributionConstraints("Enabled", 0.1, "Robust", 0.1, "LInfinity"));
        return new MonitoringBaseline(
                new BaselineStatistics(0, new BaselineStatistics.Dataset(table.size()), statistics),
                new BaselineConstraints(0, constraints, config));
    }

    /** Reads both documents, naming the one that is not valid. */
    public static MonitoringBaseline read(byte[] statisticsJson, byte[] constraintsJson) {
        return new MonitoringBaseline(Json.read(statisticsJson, BaselineStatistics.class, "statistics.json"),
                Json.read(constraintsJson, BaselineConstraints.class, "constraints.json"));
    }

    /** {@code statistics.json} bytes: key-sorted, the same for the same data. */
    public byte[] statisticsJson() {
        return Json.write(statistics);
    }

    /** {@code constraints.json} bytes: key-sorted, the same for the same data. */
    public byte[] constraintsJson() {
        return Json.write(constraints);
    }

    /** True when the baseline carries a score distribution. */
    public boolean hasScores() {
        return statistics.feature(SCORE_FEATURE).isPresent();
    }

    private static void numeric(String name, double[] values, List<BaselineStatistics.Feature> statistics,
                                List<BaselineConstraints.Feature> constraints) {
        double[] sorted = NumericBuckets.sortedPresent(values);
        Common common = new Common(sorted.length, values.length - sorted.length);
        double completeness = completeness(sorted.length, values.length);
        if (sorted.length == 0) {
            statistics.add(new BaselineStatistics.Feature(name, InferredType.FRACTIONAL,
                    new NumericalStatistics(common, null, null, null, null, null, null), null));
            constraints.add(new BaselineConstraints.Feature(name, InferredType.FRACTIONAL, completeness, null, null,
                    Map.of()));
            return;
        }
        boolean integral = true;
        double sum = 0;
        for (double v : sorted) {
            integral &= v == Math.rint(v) && !Double.isInfinite(v);
            sum += v;
        }
        double mean = sum / sorted.length;
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        double[] upper = NumericBuckets.upperBounds(sorted);
        double[] counts = NumericBuckets.counts(upper, sorted);
        List<KllBucket> buckets = new ArrayList<>();
        for (int i = 0; i < upper.length; i++) {
            buckets.add(new KllBucket(i == 0 ? sorted[0] : upper[i - 1], upper[i], (long) counts[i]));
        }
        List<Double> percentiles = new ArrayList<>();
        for (double p : NumericBuckets.percentiles(sorted)) {
            percentiles.add(p);
        }
        InferredType type = integral ? InferredType.INTEGRAL : InferredType.FRACTIONAL;
        NumericalStatistics numbers = new NumericalStatistics(common, mean, sum, Math.sqrt(squares / sorted.length),
                sorted[0], sorted[sorted.length - 1],
                new NumericalDistribution(new Kll(buckets, new KllSketch(KLL_PARAMETERS, List.of(percentiles)))));
        statistics.add(new BaselineStatistics.Feature(name, type, numbers, null));
        constraints.add(new BaselineConstraints.Feature(name, type, completeness,
                new BaselineConstraints.NumConstraints(sorted[0] >= 0), null, Map.of()));
    }

    private static void categorical(String name, String[] values, List<BaselineStatistics.Feature> statistics,
                                    List<BaselineConstraints.Feature> constraints) {
        Map<String, Long> counts = new TreeMap<>();
        long present = 0;
        for (String v : values) {
            if (v != null) {
                counts.merge(v, 1L, Long::sum);
                present++;
            }
        }
        List<CategoricalBucket> buckets = new ArrayList<>();
        counts.forEach((value, count) -> buckets.add(new CategoricalBucket(value, count)));
        statistics.add(new BaselineStatistics.Feature(name, InferredType.STRING, null,
                new StringStatistics(new Common(present, values.length - present), counts.size(),
                        new StringDistribution(new Categorical(buckets)))));
        BaselineConstraints.StringConstraints domain = counts.isEmpty() || counts.size() > MAX_DOMAIN_SIZE ? null
                : new BaselineConstraints.StringConstraints(new ArrayList<>(counts.keySet()));
        constraints.add(new BaselineConstraints.Feature(name, InferredType.STRING, completeness(present, values.length),
                null, domain, Map.of()));
    }

    private static double completeness(long present, long rows) {
        return rows == 0 ? 1.0 : (double) present / rows;
    }
}
