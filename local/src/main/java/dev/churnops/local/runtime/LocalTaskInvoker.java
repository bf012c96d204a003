package dev.churnops.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.Notification;
import dev.churnops.handlers.JsonHandler;
import dev.churnops.handlers.Services;
import dev.churnops.local.asl.TaskContext;
import dev.churnops.local.asl.TaskFailedException;
import dev.churnops.local.asl.TaskInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Carries out Task states in-process, as the AWS service integrations would:
 * {@code arn:aws:states:::lambda:invoke} calls the handler named by {@code FunctionName} (a name or
 * a function ARN) through its real {@code handleRequest} and returns {@code {"Payload": …,
 * "StatusCode": 200}}; a handler exception becomes the task error named by its class, with a Lambda
 * style {@code {"errorMessage", "errorType"}} cause. {@code arn:aws:states:::sns:publish} goes to
 * the local notifier. Any other resource fails loudly.
 */
public final class LocalTaskInvoker implements TaskInvoker {

    public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    public static final String SNS_PUBLISH = "arn:aws:states:::sns:publish";

    private final Services services;
    private final Map<String, JsonHandler<?, ?>> handlers = new LinkedHashMap<>();

    public LocalTaskInvoker(Services services, Map<String, Function<Services, JsonHandler<?, ?>>> handlers) {
        this.services = services;
        handlers.forEach((name, factory) -> this.handlers.put(name, factory.apply(services)));
    }

    /** Replaces one function's handler, as a test does to inject a fault. */
    public void override(String functionName, JsonHandler<?, ?> handler) {
        handlers.put(functionName, handler);
    }

    @Override
    public JsonNode invoke(String resource, JsonNode input, TaskContext context) throws TaskFailedException {
        return switch (resource) {
            case LAMBDA_INVOKE -> invokeLambda(input);
            case SNS_PUBLISH -> publish(input);
            default -> throw new TaskFailedException("States.Runtime", "state '" + context.stateName()
                    + "': resource '" + resource + "' is not supported locally; expected " + LAMBDA_INVOKE + " or " + SNS_PUBLISH);
        };
    }

    private JsonNode invokeLambda(JsonNode input) throws TaskFailedException {
        String function = functionName(input.path("FunctionName").asText(""));
        JsonHandler<?, ?> handler = handlers.get(function);
        if (handler == null) {
            throw new TaskFailedException("Lambda.ResourceNotFoundException", "Function not found: " + function);
        }
        JsonNode payload = input.has("Payload") ? input.get("Payload") : JsonNodeFactory.instance.objectNode();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(payload)), out, null);
        } catch (IOException | RuntimeException e) {
            ObjectNode cause = JsonNodeFactory.instance.objectNode();
            cause.put("errorMessage", String.valueOf(e.getMessage()));
            cause.put("errorType", e.getClass().getName());
            throw new TaskFailedException(e.getClass().getName(), cause.toString());
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("Payload", Json.tree(out.toByteArray(), function + " response"));
        result.put("StatusCode", 200);
        result.put("ExecutedVersion", "$LATEST");
        return result;
    }

    /** The function name from a plain name, a partial or a full Lambda ARN (with or without qualifier). */
    static String functionName(String value) {
        int at = value.indexOf(":function:");
        if (at < 0) {
            return value;
        }
        String rest = value.substring(at + ":function:".length());
        int qualifier = rest.indexOf(':');
        return qualifier < 0 ? rest : rest.substring(0, qualifier);
    }

    private JsonNode publish(JsonNode input) throws TaskFailedException {
        if (!input.hasNonNull("TopicArn") || !input.has("Message")) {
            throw new TaskFailedException("SNS.InvalidParameterException", "sns:publish needs TopicArn and Message");
        }
        JsonNode message = input.get("Message");
        Map<String, Object> body = new LinkedHashMap<>();
        if (message.isObject()) {
            message.properties().forEach(e -> body.put(e.getKey(), Json.mapper().convertValue(e.getValue(), Object.class)));
        } else {
            body.put("text", message.asText());
        }
        Notification.Severity severity = switch (String.valueOf(body.get("severity"))) {
            case "CRITICAL" -> Notification.Severity.CRITICAL;
            case "WARNING" -> Notification.Severity.WARNING;
            default -> Notification.Severity.INFO;
        };
        String subject = input.path("Subject").asText("ChurnOps notification");
        String id = services.notifier().publish(new Notification(subject, severity, body,
                Map.of("topic", input.get("TopicArn").asText())));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("MessageId", id);
        return result;
    }
}
