package dev.churnops.core.port;

import java.util.Map;

/** Records numeric metrics: CloudWatch (EMF) on AWS, a metrics file locally. */
public interface Metrics {

    void put(String name, double value, String unit, Map<String, String> dimensions);
}
