package dev.churnops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * An MLflow tracking server in the test's process, on 127.0.0.1: it records each request's method, path
 * and JSON body, and answers as a server with no experiment yet would, or with {@code status} to every
 * request when one is given.
 */
final class MlflowStub implements AutoCloseable {

    record Request(String method, String path, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    MlflowStub(Integer status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, in.length == 0 ? null : Json.tree(in, "request")));
            int code = status != null ? status : path.endsWith("get-by-name") ? 404 : 200;
            String body = status != null ? "{\"error_code\": \"INTERNAL_ERROR\", \"message\": \"stub failure\"}"
                    : switch (path) {
                        case "/api/2.0/mlflow/experiments/get-by-name" -> "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\"}";
                        case "/api/2.0/mlflow/experiments/create" -> "{\"experiment_id\": \"1\"}";
                        case "/api/2.0/mlflow/runs/create" -> "{\"run\": {\"info\": {\"run_id\": \"mlflow-run-1\"}}}";
                        default -> "{}";
                    };
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
