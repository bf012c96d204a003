package dev.churnops.local.serve;

import static dev.churnops.local.serve.ServeFixtures.DEADLINE;
import static dev.churnops.local.serve.ServeFixtures.await;
import static dev.churnops.local.serve.ServeFixtures.json;
import static dev.churnops.local.serve.ServeFixtures.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local server alone, in front of fake handlers: the proxy event it builds (what API Gateway
 * would send), the response it writes back, the bounded body read, refusal at capacity and the
 * graceful stop.
 */
class LocalApiServerTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final HttpClient client = ServeFixtures.client();
    private LocalApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private LocalApiServer start(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
                                 LocalApiServer.Options.Builder options) throws IOException {
        server = LocalApiServer.start(handler, options.port(0).build(), new PrintStream(log, true, StandardCharsets.UTF_8));
        return server;
    }

    private static APIGatewayProxyResponseEvent ok(String body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(200).withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }

    /** Records the last event and answers 200. */
    private static final class Recorder implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        final AtomicReference<APIGatewayProxyRequestEvent> last = new AtomicReference<>();

        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
            last.set(event);
            return ok("{}");
        }
    }

    /** Answers 200 once released; counts the requests that reached it. */
    private static final class Blocking implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        final AtomicInteger entered = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
            entered.incrementAndGet();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\"released\":false}");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\"interrupted\":true}");
            }
            return ok("{\"done\":true}");
        }
    }

    @Test
    void postBecomesTheProxyEventApiGatewaySends() throws IOException {
        Recorder recorder = new Recorder();
        start(recorder, LocalApiServer.Options.builder());
        HttpRequest request = ServeFixtures.request(server.uri(), "/v1/scores?dry=1&tag=a&tag=b%20c")
                .header("Content-Type", "application/json").header("X-Api-Key", "k").header("X-Multi", "one")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customers\":[]}")).build();

        assertEquals(200, send(client, request).statusCode());

        APIGatewayProxyRequestEvent e = recorder.last.get();
        assertEquals("/v1/scores", e.getResource());
        assertEquals("/v1/scores", e.getPath());
        assertEquals("POST", e.getHttpMethod());
        assertNull(e.getPathParameters());
        assertEquals("k", e.getHeaders().get("x-api-key"));
        assertEquals("application/json", e.getHeaders().get("content-type"));
        assertEquals(List.of("one"), e.getMultiValueHeaders().get("x-multi"));
        assertEquals("1", e.getQueryStringParameters().get("dry"));
        assertEquals("b c", e.getQueryStringParameters().get("tag"));
        assertEquals(List.of("a", "b c"), e.getMultiValueQueryStringParameters().get("tag"));
        assertEquals("{\"customers\":[]}", e.getBody());
        assertFalse(e.getIsBase64Encoded());
        APIGatewayProxyRequestEvent.ProxyRequestContext c = e.getRequestContext();
        assertEquals("local", c.getStage());
        assertEquals("/v1/scores", c.getResourcePath());
        assertEquals("/local/v1/scores", c.getPath());
        assertEquals("127.0.0.1", c.getIdentity().getSourceIp());
        assertTrue(c.getRequestId().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                c.getRequestId());
        assertTrue(c.getRequestTimeEpoch() > 0);
    }

    @Test
    void customerPathMatchesTheTemplateWithItsDecodedId() throws IOException {
        Recorder recorder = new Recorder();
        start(recorder, LocalApiServer.Options.builder());

        send(client, ServeFixtures.request(server.uri(), "/v1/customers/ACME%20C+1/score").GET().build());

        APIGatewayProxyRequestEvent e = recorder.last.get();
        assertEquals("/v1/customers/{id}/score", e.getResource());
        assertEquals(Map.of("id", "ACME C+1"), e.getPathParameters());
        assertNull(e.getBody());
        assertNull(e.getQueryStringParameters());
    }

    @Test
    void unknownPathGoesToTheCatchAllResourceForTheHandlerToAnswer() throws IOException {
        Recorder recorder = new Recorder();
        start(recorder, LocalApiServer.Options.builder());

        send(client, ServeFixtures.request(server.uri(), "/v1/customers//score").GET().build());

        assertEquals("/{proxy+}", recorder.last.get().getResource());
        assertEquals(Map.of("proxy", "v1/customers//score"), recorder.last.get().getPathParameters());
    }

    @Test
    void writesStatusHeadersAndBodyAsApiGatewayWould() throws IOException {
        start((event, context) -> new APIGatewayProxyResponseEvent().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "text/plain", "X-One", "1"))
                .withMultiValueHeaders(Map.of("X-Many", List.of("a", "b")))
                .withBody(Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true), LocalApiServer.Options.builder());

        HttpResponse<String> response = send(client, ServeFixtures.request(server.uri(), "/health").GET().build());

        assertEquals(201, response.statusCode());
        assertEquals("héllo", response.body());
        assertEquals("text/plain", response.headers().firstValue("content-type").orElse(""));
        assertEquals("1", response.headers().firstValue("x-one").orElse(""));
        assertEquals(List.of("a", "b"), response.headers().allValues("x-many"));
    }

    @Test
    void aFailingHandlerIsA502AsOnApiGatewayAndOneLogLine() throws IOException {
        start((event, context) -> {
            throw new IllegalStateException("secret customer C123 broke it");
        }, LocalApiServer.Options.builder());

        HttpResponse<String> response = send(client, ServeFixtures.request(server.uri(), "/health").GET().build());

        assertEquals(502, response.statusCode());
        assertEquals("Internal server error", json(response).path("message").asText());
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("IllegalStateException"), logged);
        assertFalse(logged.contains("C123"), logged);
    }

    @Test
    void readsAnOversizedBodyOnlyUpToTheLimitPlusOne() throws IOException {
        Recorder recorder = new Recorder();
        start(recorder, LocalApiServer.Options.builder().maxBodyBytes(1000));
        String body = "é".repeat(20_000);

        send(client, ServeFixtures.request(server.uri(), "/v1/scores").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        String seen = recorder.last.get().getBody();
        assertEquals(1001, seen.length());
        assertTrue(seen.getBytes(StandardCharsets.UTF_8).length > 1000);
    }

    @Test
    void refusesWith503WhenEveryThreadAndQueueSlotIsTaken() throws Exception {
        Blocking handler = new Blocking();
        start(handler, LocalApiServer.Options.builder().threads(1).queueCapacity(1));
        HttpRequest request = ServeFixtures.request(server.uri(), "/health").GET().build();
        CompletableFuture<HttpResponse<String>> running = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        await(() -> handler.entered.get() == 1, DEADLINE, "the first request to reach the handler");
        CompletableFuture<HttpResponse<String>> queued = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        await(() -> server.inFlight() == 2, DEADLINE, "the second request to wait in the queue");

        HttpResponse<String> refused = send(client, request);

        assertEquals(503, refused.statusCode(), refused::body);
        assertEquals("overloaded", json(refused).at("/error/code").asText());
        assertEquals(503, json(refused).at("/error/status").asInt());
        assertEquals(refused.headers().firstValue("x-request-id").orElse("none"), json(refused).at("/error/requestId").asText());
        assertEquals("1", refused.headers().firstValue("retry-after").orElse(""));
        assertEquals(1, handler.entered.get(), "a refused request never reaches the handler");
        handler.release.countDown();
        assertEquals(200, running.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(200, queued.get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(1, server.refused());
    }

    @Test
    void gracefulStopClosesTheListenerAndFinishesTheRequestInFlight() throws Exception {
        Blocking handler = new Blocking();
        start(handler, LocalApiServer.Options.builder().stopGrace(Duration.ofSeconds(30)));
        int port = server.port();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                ServeFixtures.request(server.uri(), "/health").GET().build(), HttpResponse.BodyHandlers.ofString());
        await(() -> handler.entered.get() == 1, DEADLINE, "the request to reach the handler");

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        await(() -> !accepts(port), DEADLINE, "the listener to close");

        assertFalse(stopping.isDone(), "stop waits for the request in flight");
        assertFalse(inFlight.isDone());
        handler.release.countDown();
        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("{\"done\":true}", response.body());
        stopping.get(30, TimeUnit.SECONDS);
    }

    @Test
    void stoppingAnIdleServerDoesNotWaitOutTheGrace() throws Exception {
        start(new Recorder(), LocalApiServer.Options.builder().stopGrace(Duration.ofSeconds(60)));
        int port = server.port();
        assertEquals(200, send(client, ServeFixtures.request(server.uri(), "/health").GET().build()).statusCode());

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);

        stopping.get(20, TimeUnit.SECONDS);
        assertFalse(accepts(port));
    }

    @Test
    void optionsRefuseAnUnboundedQueue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalApiServer.Options.builder().queueCapacity(0).build());
        assertTrue(e.getMessage().contains("queueCapacity is 0"), e.getMessage());
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
