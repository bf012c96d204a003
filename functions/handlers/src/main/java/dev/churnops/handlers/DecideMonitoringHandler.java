package dev.churnops.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.monitoring.AlertPolicy;
import dev.churnops.core.monitoring.Finding;
import dev.churnops.core.monitoring.RetrainingPolicy;
import dev.churnops.core.pipeline.DecideMonitoring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step {@code Decide} of the monitoring workflow: the checks' findings become alerts (one per
 * incident) and a retraining decision. {@code checks} is the Parallel state's array of check
 * results; {@code alerts} and {@code retraining} are the policies' JSON (null for their defaults).
 */
public final class DecideMonitoringHandler extends JsonHandler<DecideMonitoringHandler.Event, DecideMonitoring.Result> {

    public record Event(String executionId, String date, String modelName, Integer version, Map<String, Object> window,
                        List<JsonNode> checks, JsonNode alerts, JsonNode retraining, Boolean allowRetraining,
                        Map<String, Object> training) {
    }

    public DecideMonitoringHandler() {
        this(Services.fromEnvironment());
    }

    public DecideMonitoringHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected DecideMonitoring.Result handle(Event event) {
        List<DecideMonitoring.CheckOutcome> checks = new ArrayList<>();
        for (JsonNode check : required(event.checks(), "checks")) {
            String name = check.path("check").asText("");
            if (name.isEmpty()) {
                throw new InvalidEventException("each of checks needs its 'check' name; got " + check);
            }
            List<Finding> findings = Finding.readList(bytes(check.path("findings")), "the findings of the " + name + " check");
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = check.hasNonNull("summary")
                    ? Json.mapper().convertValue(check.get("summary"), Map.class) : Map.of();
            checks.add(new DecideMonitoring.CheckOutcome(name, check.path("failed").asBoolean(false),
                    check.path("error").asText(null), check.path("cause").asText(null), findings, summary));
        }
        return new DecideMonitoring(services.blobs(), services.registry()).run(new DecideMonitoring.Command(
                required(event.executionId(), "executionId"), EventDates.parse(required(event.date(), "date"), "date"),
                required(event.modelName(), "modelName"), required(event.version(), "version"), services.clock().instant(),
                event.window(), checks,
                present(event.alerts()) ? AlertPolicy.read(bytes(event.alerts()), "the alert policy of the monitoring run") : null,
                present(event.retraining()) ? RetrainingPolicy.read(bytes(event.retraining()),
                        "the retraining policy of the monitoring run") : null,
                event.allowRetraining() == null || event.allowRetraining(), event.training()));
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static byte[] bytes(JsonNode node) {
        return (node == null || node.isMissingNode() ? "[]" : node.toString()).getBytes(StandardCharsets.UTF_8);
    }
}
