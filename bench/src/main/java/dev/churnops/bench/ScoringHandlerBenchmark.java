package dev.churnops.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.scoring.ScoringHandler;
import dev.churnops.handlers.scoring.ScoringSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scoring API as Lambda runs it, minus the runtime's own JSON (de)serialisation of the event:
 * an API Gateway proxy event for {@code POST /v1/scores} in, the response event out, through the
 * key check, content-type check, body size check and parse, envelope and feature validation,
 * scoring and response writing of {@link ScoringHandler}. One customer with inline features, and a
 * batch of 100. The model is a registered {@code model.tar.gz} named by the system property
 * {@code churnops.model} (scripts/bench-score.sh trains one first); customers are drawn from its
 * input signature as in {@link ServingModelBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ScoringHandlerBenchmark {

    private static final String KEY = "bench-api-key-5d0c1e7a9b3f4e26";
    /** Distinct one-customer events, so the benchmark does not score one customer over and over. */
    private static final int SINGLE_EVENTS = 1024;
    private static final int BATCH_EVENTS = 16;
    private static final int BATCH_SIZE = 100;

    private ScoringHandler handler;
    private APIGatewayProxyRequestEvent[] single;
    private APIGatewayProxyRequestEvent[] batch;
    private int nextSingle;
    private int nextBatch;

    @Setup
    public void load() throws IOException {
        Path artifact = Path.of(System.getProperty("churnops.model", "model.tar.gz"));
        ServingModel model = ServingModel.load(Files.readAllBytes(artifact), artifact.toString());
        ScoringSettings settings = ScoringSettings.builder().apiKeys(Set.of(KEY)).build();
        handler = new ScoringHandler(settings, () -> model, FeatureLookup.NONE, ScoreCapture.NONE);

        List<Map<String, Object>> customers = ServingModelBenchmark.generate(model.card().inputSignature(),
                SINGLE_EVENTS + BATCH_EVENTS * BATCH_SIZE, 11);
        ObjectMapper json = new ObjectMapper();
        single = new APIGatewayProxyRequestEvent[SINGLE_EVENTS];
        for (int i = 0; i < SINGLE_EVENTS; i++) {
            single[i] = post(json, customers.subList(i, i + 1), i);
        }
        batch = new APIGatewayProxyRequestEvent[BATCH_EVENTS];
        for (int i = 0; i < BATCH_EVENTS; i++) {
            int from = SINGLE_EVENTS + i * BATCH_SIZE;
            batch[i] = post(json, customers.subList(from, from + BATCH_SIZE), SINGLE_EVENTS + i);
        }
        // A benchmark of refusals would measure the wrong thing: every event must be scored.
        for (APIGatewayProxyRequestEvent e : single) {
            requireScored(handler.handleRequest(e, null));
        }
        for (APIGatewayProxyRequestEvent e : batch) {
            requireScored(handler.handleRequest(e, null));
        }
    }

    @Benchmark
    public APIGatewayProxyResponseEvent scoreOneCustomer() {
        return handler.handleRequest(single[nextSingle++ & (SINGLE_EVENTS - 1)], null);
    }

    @Benchmark
    public APIGatewayProxyResponseEvent scoreBatchOf100() {
        return handler.handleRequest(batch[nextBatch++ & (BATCH_EVENTS - 1)], null);
    }

    /** {@code POST /v1/scores} with the headers and request context API Gateway sends. */
    private static APIGatewayProxyRequestEvent post(ObjectMapper json, List<Map<String, Object>> customers, int n) {
        List<Map<String, Object>> items = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("customerId", "C" + (n * BATCH_SIZE + i));
            item.put("features", customers.get(i));
            items.add(item);
        }
        String body;
        try {
            body = json.writeValueAsString(Map.of("customers", items));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json");
        headers.put("Host", "k3x9q2w7m1.execute-api.eu-west-1.amazonaws.com");
        headers.put("User-Agent", "curl/8.5.0");
        headers.put("X-Amzn-Trace-Id", "Root=1-6b0e741e-5b1e4d8a9c612e4f8a0b1c01");
        headers.put("x-api-key", KEY);
        headers.put("X-Forwarded-For", "203.0.113.17");
        headers.put("X-Forwarded-Port", "443");
        headers.put("X-Forwarded-Proto", "https");
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("7f3c2a10-5b1e-4d8a-9c61-" + String.format("%012x", n));
        context.setResourcePath("/v1/scores");
        context.setHttpMethod("POST");
        context.setStage("prod");
        return new APIGatewayProxyRequestEvent().withResource("/v1/scores").withPath("/v1/scores")
                .withHttpMethod("POST").withHeaders(headers).withMultiValueHeaders(multi).withRequestContext(context)
                .withBody(body).withIsBase64Encoded(false);
    }

    private static void requireScored(APIGatewayProxyResponseEvent response) {
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("the benchmark's request was refused with " + response.getStatusCode()
                    + ": " + response.getBody());
        }
    }
}
