package dev.churnops.core.pipeline;

import dev.churnops.core.monitoring.Finding;
import java.util.List;
import java.util.Map;

/**
 * What one check of a monitoring run reports to the decision step: its name, its findings (none
 * when everything was within bounds) and the figures the run's summary shows.
 */
public record CheckResult(String check, List<Finding> findings, Map<String, Object> summary) {
}
