package dev.churnops.aws;

import dev.churnops.core.port.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Metrics on AWS: each data point is one CloudWatch Embedded Metric Format document written to
 * standard output (Lambda sends it to CloudWatch Logs, which extracts the metric), through
 * Powertools' {@code flushSingleMetric}: the namespace of this instance, the metric with its unit,
 * and exactly the dimensions given, as one dimension set, so dashboards and alarms find it under
 * the same dimensions locally and on AWS. No SDK client and no network call.
 * <p>The EMF library would otherwise find out where it runs by probing, EC2's instance metadata
 * endpoint included; here the caller says: {@code inLambda} picks its Lambda environment, anything
 * else its local one (both print to standard output). An {@code AWS_EMF_ENVIRONMENT} set by the
 * operator still wins.
 */
public final class EmfMetrics implements Metrics {

    /** CloudWatch's limits for one metric's dimensions. */
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_DIMENSION_NAME = 250;
    static final int MAX_DIMENSION_VALUE = 1024;

    private final String namespace;
    private final software.amazon.lambda.powertools.metrics.Metrics emf;

    public EmfMetrics(String namespace, boolean inLambda) {
        if (namespace == null || namespace.isBlank() || namespace.length() > 255 || !namespace.matches("[\\w.\\-/#:]+")) {
            throw new IllegalArgumentException("metrics namespace '" + namespace
                    + "' must be 1-255 letters, digits and . - _ / # : (such as ChurnOps)");
        }
        this.namespace = namespace;
        var config = EnvironmentConfigurationProvider.getConfig();
        if (config.getEnvironmentOverride() == Environments.Unknown) {
            config.setEnvironmentOverride(inLambda ? Environments.Lambda : Environments.Local);
        }
        this.emf = new EmfMetricsProvider().getMetricsInstance();
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public void put(String name, double value, String unit, Map<String, String> dimensions) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new IllegalArgumentException("metric name '" + name + "' must be 1-255 characters");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + " has value " + value + ": CloudWatch takes finite numbers only");
        }
        emf.flushSingleMetric(name, value, unit(name, unit), namespace, dimensionSet(name, dimensions));
    }

    /** The Powertools unit named {@code unit} as CloudWatch names it ({@code Count}, {@code Percent}, {@code None}). */
    static MetricUnit unit(String metric, String unit) {
        for (MetricUnit u : MetricUnit.values()) {
            if (u.getName().equals(unit)) {
                return u;
            }
        }
        throw new IllegalArgumentException("metric " + metric + " has unit '" + unit
                + "': expected a CloudWatch unit such as Count, Percent, Seconds, Milliseconds, Bytes or None");
    }

    /**
     * Checked here because the EMF library drops a dimension it finds invalid without a word, which
     * would file the metric under other dimensions than an alarm watches.
     */
    private static DimensionSet dimensionSet(String metric, Map<String, String> dimensions) {
        Objects.requireNonNull(dimensions, "dimensions");
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("metric " + metric + " has " + dimensions.size() + " dimensions, over "
                    + "CloudWatch's " + MAX_DIMENSIONS);
        }
        DimensionSet set = new DimensionSet();
        new java.util.TreeMap<>(dimensions).forEach((key, value) -> {
            if (!ascii(key, MAX_DIMENSION_NAME) || key.startsWith(":")) {
                throw new IllegalArgumentException("metric " + metric + " has dimension name '" + key + "': expected 1-"
                        + MAX_DIMENSION_NAME + " ASCII characters, not starting with ':'");
            }
            if (!ascii(value, MAX_DIMENSION_VALUE)) {
                throw new IllegalArgumentException("metric " + metric + " has dimension " + key + " = '" + value
                        + "': expected 1-" + MAX_DIMENSION_VALUE + " ASCII characters");
            }
            set.addDimension(key, value);
        });
        return set;
    }

    private static boolean ascii(String s, int max) {
        return s != null && !s.isBlank() && s.length() <= max
                && StandardCharsets.US_ASCII.newEncoder().canEncode(s);
    }
}
