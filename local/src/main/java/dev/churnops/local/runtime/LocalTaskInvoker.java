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
 * the local notifier. {@code arn:aws:states:::states:startExecution} starts another local state
 * machine, named by the end of its ARN ({@code …:stateMachine:churnops-<machine>}), and runs it to
 * its end before answering {@code {"ExecutionArn", "StartDate"}}: on AWS the call returns at once
 * and the started execution runs on its own, but on one machine running it in place keeps a
 * monitoring run and the training it starts in one deterministic sequence. The started
 * execution's success or failure is its own, as on AWS. Any other resource fails loudly.
 */
public final class LocalTaskInvoker implements TaskInvoker {

    public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    public static final String SNS_PUBLISH = "arn:aws:states:::sns:publish";
    public static final String START_EXECUTION = "arn:aws:states:::states:startExecution";
    /** What the state machines' ARNs start with before the machine's name. */
    static final String STATE_MACHINE_NAME_PREFIX = "churnops-";

    /** Starts a local state machine by name with an input and an execution name (may be null); returns the execution's name. */
    @FunctionalInterface
    public interface ExecutionStarter {
        String start(String machine, JsonNode input, String executionName);
    }

    private final Services services;
    private final Map<String, JsonHandler<?, ?>> handlers = new LinkedHashMap<>();
    private volatile ExecutionStarter starter;

    public LocalTaskInvoker(Services services, Map<String, Function<Services, JsonHandler<?, ?>>> handlers) {
        this.services = services;
        handlers.forEach((name, factory) -> this.handlers.put(name, factory.apply(services)));
    }

    /** Lets {@code states:startExecution} tasks start machines; without one they fail naming the missing runtime. */
    public void executionStarter(ExecutionStarter value) {
        starter = value;
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
            case START_EXECUTION -> startExecution(input, context);
            default -> throw new TaskFailedException("States.Runtime", "state '" + context.stateName()
                    + "': resource '" + resource + "' is not supported locally; expected " + LAMBDA_INVOKE + ", "
                    + SNS_PUBLISH + " or " + START_EXECUTION);
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

    private JsonNode startExecution(JsonNode input, TaskContext context) throws TaskFailedException {
        String arn = input.path("StateMachineArn").asText("");
        int at = arn.indexOf(":stateMachine:");
        String name = at < 0 ? "" : arn.substring(at + ":stateMachine:".length());
        if (!name.startsWith(STATE_MACHINE_NAME_PREFIX) || name.length() == STATE_MACHINE_NAME_PREFIX.length()) {
            throw new TaskFailedException("StepFunctions.InvalidArnException", "state '" + context.stateName()
                    + "': StateMachineArn '" + arn + "' is not a local state machine; expected an ARN ending in ':stateMachine:"
                    + STATE_MACHINE_NAME_PREFIX + "<machine>'");
        }
        ExecutionStarter current = starter;
        if (current == null) {
            throw new TaskFailedException("States.Runtime", "state '" + context.stateName()
                    + "': states:startExecution needs the local runtime, and this invoker has none");
        }
        JsonNode executionInput = input.path("Input");
        if (executionInput.isTextual()) {
            // The service takes Input as a JSON string; the Step Functions integration also takes an object.
            executionInput = Json.tree(executionInput.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "StartExecution Input");
        } else if (executionInput.isMissingNode() || executionInput.isNull()) {
            executionInput = JsonNodeFactory.instance.objectNode();
        }
        String executionName = input.hasNonNull("Name") ? input.get("Name").asText() : null;
        String machine = name.substring(STATE_MACHINE_NAME_PREFIX.length());
        String started;
        try {
            started = current.start(machine, executionInput, executionName);
        } catch (IllegalArgumentException e) {
            throw new TaskFailedException("StepFunctions.StateMachineDoesNotExistException", e.getMessage());
        } catch (IllegalStateException e) {
            throw new TaskFailedException("StepFunctions.ExecutionAlreadyExistsException", e.getMessage());
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("ExecutionArn", arn.replace(":stateMachine:", ":execution:") + ":" + started);
        result.put("StartDate", services.clock().instant().toString());
        return result;
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
