package dev.churnops.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.Notification;
import dev.churnops.core.port.Notifier;
import dev.churnops.core.registry.BlobModelRegistry;
import dev.churnops.handlers.JsonHandler;
import dev.churnops.handlers.Services;
import dev.churnops.local.adapter.DirectoryBlobStore;
import dev.churnops.local.adapter.FileMetrics;
import dev.churnops.local.adapter.LocalTrainingJobs;
import dev.churnops.local.asl.TaskContext;
import dev.churnops.local.asl.TaskFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTaskInvokerTest {

    private static final TaskContext CONTEXT = new TaskContext("arn:aws:states:local:000000000000:execution:m:e", "Step", 1);
    private static final String TOPIC = "arn:aws:sns:local:000000000000:churnops-alerts";

    @TempDir
    Path home;

    private final CapturingNotifier notifier = new CapturingNotifier();
    private LocalTaskInvoker invoker;

    /** A handler that greets the name it is given. */
    static final class Greet extends JsonHandler<Greet.Event, Greet.Result> {
        public record Event(String name) {
        }

        public record Result(String greeting) {
        }

        Greet(Services services) {
            super(Event.class, services);
        }

        @Override
        protected Result handle(Event event) {
            return new Result("hello " + required(event.name(), "name"));
        }
    }

    /** A handler whose use case fails. */
    static final class Broken extends JsonHandler<Greet.Event, Greet.Result> {
        Broken(Services services) {
            super(Greet.Event.class, services);
        }

        @Override
        protected Greet.Result handle(Greet.Event event) {
            throw new IllegalStateException("the disk is full");
        }
    }

    /** A {@link Notifier} that keeps what it is sent. */
    static final class CapturingNotifier implements Notifier {
        final List<Notification> sent = new ArrayList<>();

        @Override
        public String publish(Notification notification) {
            sent.add(notification);
            return "message-" + sent.size();
        }
    }

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T06:30:00Z"), ZoneOffset.UTC);
        DirectoryBlobStore blobs = new DirectoryBlobStore(home);
        Services services = new Services(blobs, new BlobModelRegistry(blobs, clock), new LocalTrainingJobs(blobs),
                notifier, new FileMetrics(home.resolve("metrics/metrics.jsonl"), clock), clock, Services.Settings.DEFAULTS);
        Map<String, Function<Services, JsonHandler<?, ?>>> handlers = new LinkedHashMap<>();
        handlers.put("GreetFunction", Greet::new);
        handlers.put("BrokenFunction", Broken::new);
        invoker = new LocalTaskInvoker(services, handlers);
    }

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8), "test input");
    }

    private JsonNode lambda(String functionName, String payload) throws TaskFailedException {
        return invoker.invoke(LocalTaskInvoker.LAMBDA_INVOKE,
                json("{\"FunctionName\": \"" + functionName + "\", \"Payload\": " + payload + "}"), CONTEXT);
    }

    @Test
    void invokesAFunctionNamedByItsArnAndWrapsTheResultAsLambdaDoes() throws TaskFailedException {
        JsonNode result = lambda("arn:aws:lambda:local:000000000000:function:GreetFunction", "{\"name\": \"Ada\"}");

        assertEquals(json("{\"greeting\": \"hello Ada\"}"), result.get("Payload"));
        assertEquals(200, result.get("StatusCode").asInt());
    }

    @Test
    void invokesAFunctionNamedByItsBareNameOrAQualifiedArn() throws TaskFailedException {
        assertEquals("hello Bo", lambda("GreetFunction", "{\"name\": \"Bo\"}").get("Payload").get("greeting").asText());
        assertEquals("hello Cy", lambda("arn:aws:lambda:local:000000000000:function:GreetFunction:$LATEST",
                "{\"name\": \"Cy\"}").get("Payload").get("greeting").asText());
    }

    @Test
    void turnsAHandlerExceptionIntoATaskErrorNamedByItsClassWithALambdaStyleCause() {
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> lambda("BrokenFunction", "{\"name\": \"Ada\"}"));

        assertEquals("java.lang.IllegalStateException", e.error());
        JsonNode cause = json(e.cause());
        assertEquals("the disk is full", cause.get("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", cause.get("errorType").asText());
    }

    @Test
    void turnsAnInvalidEventIntoATaskErrorNamedByItsClass() {
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> lambda("GreetFunction", "{\"nmae\": \"Ada\"}"));

        assertEquals(JsonHandler.InvalidEventException.class.getName(), e.error());
        assertTrue(json(e.cause()).get("errorMessage").asText().contains("nmae"), e::cause);
    }

    @Test
    void failsAnUnknownFunctionAsLambdaDoes() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> lambda("arn:aws:lambda:local:000000000000:function:NoSuchFunction", "{}"));

        assertEquals("Lambda.ResourceNotFoundException", e.error());
        assertTrue(e.cause().contains("NoSuchFunction"), e::cause);
    }

    @Test
    void publishesToTheNotifierAndReturnsTheMessageId() throws TaskFailedException {
        JsonNode result = invoker.invoke(LocalTaskInvoker.SNS_PUBLISH, json("{\"TopicArn\": \"" + TOPIC + "\","
                + " \"Subject\": \"ChurnOps: quarantine rate above threshold\","
                + " \"Message\": {\"severity\": \"WARNING\", \"what\": \"6 of 100 rows quarantined\", \"report\": null}}"),
                CONTEXT);

        assertEquals("message-1", result.get("MessageId").asText());
        assertEquals(1, notifier.sent.size());
        Notification sent = notifier.sent.get(0);
        assertEquals("ChurnOps: quarantine rate above threshold", sent.subject());
        assertEquals(Notification.Severity.WARNING, sent.severity());
        assertEquals("6 of 100 rows quarantined", sent.body().get("what"));
        assertTrue(sent.body().containsKey("report") && sent.body().get("report") == null);
        assertEquals(Map.of("topic", TOPIC), sent.attributes());
    }

    @Test
    void publishesATextMessageAsTheBodysText() throws TaskFailedException {
        invoker.invoke(LocalTaskInvoker.SNS_PUBLISH, json("{\"TopicArn\": \"" + TOPIC + "\", \"Message\": \"plain\"}"), CONTEXT);

        assertEquals(Map.of("text", "plain"), notifier.sent.get(0).body());
        assertEquals(Notification.Severity.INFO, notifier.sent.get(0).severity());
    }

    @Test
    void refusesAPublishWithoutTopic() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> invoker.invoke(LocalTaskInvoker.SNS_PUBLISH, json("{\"Message\": \"plain\"}"), CONTEXT));

        assertEquals("SNS.InvalidParameterException", e.error());
        assertEquals(0, notifier.sent.size());
    }

    @Test
    void failsAnUnsupportedResourceNamingItAndTheState() {
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> invoker.invoke(
                "arn:aws:states:::dynamodb:putItem", json("{\"TableName\": \"t\"}"), CONTEXT));

        assertEquals("States.Runtime", e.error());
        assertTrue(e.cause().contains("arn:aws:states:::dynamodb:putItem"), e::cause);
        assertTrue(e.cause().contains("'Step'"), e::cause);
    }

    @Test
    void startsALocalStateMachineByItsArnWithTheGivenNameAndInput() throws TaskFailedException {
        List<String> started = new ArrayList<>();
        invoker.executionStarter((machine, input, name) -> {
            started.add(machine + " " + name + " " + input);
            return name;
        });

        JsonNode result = invoker.invoke(LocalTaskInvoker.START_EXECUTION, json("{\"StateMachineArn\":"
                + " \"arn:aws:states:local:000000000000:stateMachine:churnops-training\", \"Name\": \"retrain-1\","
                + " \"Input\": {\"trigger\": \"monitoring\"}}"), CONTEXT);

        assertEquals(List.of("training retrain-1 {\"trigger\":\"monitoring\"}"), started);
        assertEquals("arn:aws:states:local:000000000000:execution:churnops-training:retrain-1",
                result.get("ExecutionArn").asText());
        assertEquals("2026-12-01T06:30:00Z", result.get("StartDate").asText());
    }

    @Test
    void readsAStartExecutionInputGivenAsAJsonString() throws TaskFailedException {
        List<JsonNode> inputs = new ArrayList<>();
        invoker.executionStarter((machine, input, name) -> {
            inputs.add(input);
            return "generated";
        });

        invoker.invoke(LocalTaskInvoker.START_EXECUTION, json("{\"StateMachineArn\":"
                + " \"arn:aws:states:local:000000000000:stateMachine:churnops-training\","
                + " \"Input\": \"{\\\"trigger\\\": \\\"monitoring\\\"}\"}"), CONTEXT);

        assertEquals("monitoring", inputs.get(0).get("trigger").asText());
    }

    @Test
    void refusesAStartExecutionOfAMachineThatIsNotLocal() {
        invoker.executionStarter((machine, input, name) -> name);

        TaskFailedException e = assertThrows(TaskFailedException.class, () -> invoker.invoke(
                LocalTaskInvoker.START_EXECUTION, json("{\"StateMachineArn\": \"arn:aws:states:eu-west-1:1:stateMachine:other\"}"),
                CONTEXT));

        assertEquals("StepFunctions.InvalidArnException", e.error());
        assertTrue(e.cause().contains("stateMachine:other"), e::cause);
    }

    @Test
    void reportsAnExecutionNameUsedTwiceAsStepFunctionsDoes() {
        invoker.executionStarter((machine, input, name) -> {
            throw new IllegalStateException("an execution named '" + name + "' already exists");
        });

        TaskFailedException e = assertThrows(TaskFailedException.class, () -> invoker.invoke(
                LocalTaskInvoker.START_EXECUTION, json("{\"StateMachineArn\": \"" + LocalRuntime.stateMachineArn("training")
                        + "\", \"Name\": \"retrain-1\"}"), CONTEXT));

        assertEquals("StepFunctions.ExecutionAlreadyExistsException", e.error());
    }
}
