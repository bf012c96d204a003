package dev.churnops.handlers.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * An MLflow tracking server in the test's process, on 127.0.0.1 and a free port: it records every
 * request (method, path, query, headers that matter, JSON body) and answers as the test scripts it,
 * by default as a real server would for a new experiment.
 */
final class StubMlflowServer implements AutoCloseable {

    record Request(String method, String path, String query, String authorization, String contentType, JsonNode body) {
        String line() {
            return method + " " + path;
        }
    }

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    private StubMlflowServer(Function<Request, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(exchange, answers));
        server.start();
    }

    static StubMlflowServer start(Function<Request, Answer> answers) throws IOException {
        return new StubMlflowServer(answers);
    }

    /** Answers as MLflow does when the experiment does not exist yet: create it as 7, the run as r-1. */
    static StubMlflowServer newExperiment() throws IOException {
        return start(StubMlflowServer::mlflow);
    }

    static Answer mlflow(Request request) {
        return switch (request.line()) {
            case "GET /api/2.0/mlflow/experiments/get-by-name" -> new Answer(404,
                    "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"Could not find experiment\"}");
            case "POST /api/2.0/mlflow/experiments/create" -> new Answer(200, "{\"experiment_id\": \"7\"}");
            case "POST /api/2.0/mlflow/runs/create" -> new Answer(200,
                    "{\"run\": {\"info\": {\"run_id\": \"r-1\", \"experiment_id\": \"7\", \"status\": \"RUNNING\"}, \"data\": {}}}");
            case "POST /api/2.0/mlflow/runs/log-batch" -> new Answer(200, "{}");
            case "POST /api/2.0/mlflow/runs/update" -> new Answer(200, "{\"run_info\": {\"run_id\": \"r-1\", \"status\": \"FINISHED\"}}");
            default -> new Answer(404, "{\"error_code\": \"ENDPOINT_NOT_FOUND\"}");
        };
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request so far, in arrival order; complete once the tracker has returned, as it waits for each answer. */
    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<String> lines() {
        return requests().stream().map(Request::line).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange, Function<Request, Answer> answers) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode body = bytes.length == 0 ? null : Json.tree(bytes, "request body");
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body);
        requests.add(request);
        Answer answer = answers.apply(request);
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
        }
    }
}
