package dev.churnops.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client for real SDK clients that never touches the network: it records every request
 * exactly as the SDK would have sent it (signed, with its body) and answers with canned responses,
 * in order; the last one answers every request after it. An {@link IOException} can be canned too.
 */
final class FakeHttp implements SdkHttpClient {

    /** One request as sent. */
    record Sent(SdkHttpRequest request, byte[] body) {

        String method() {
            return request.method().name();
        }

        String host() {
            return request.host();
        }

        String path() {
            return request.encodedPath();
        }

        /** The single value of a query parameter, or null. */
        String query(String name) {
            List<String> values = request.rawQueryParameters().get(name);
            return values == null ? null : values.get(0);
        }

        String header(String name) {
            return request.firstMatchingHeader(name).orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as an {@code application/x-www-form-urlencoded} form, in order. */
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : text().split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    private record Canned(int status, Map<String, String> headers, byte[] body, IOException failure) {
    }

    private final Deque<Canned> responses = new ArrayDeque<>();
    private final List<Sent> sent = new ArrayList<>();

    /** Answers the next request with {@code status}, {@code body} and headers given as name, value, name, value. */
    FakeHttp respond(int status, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        responses.add(new Canned(status, h, body.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    /** Fails the next request as a broken connection would. */
    FakeHttp fail(IOException failure) {
        responses.add(new Canned(0, Map.of(), new byte[0], failure));
        return this;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    Sent only() {
        if (sent.size() != 1) {
            throw new AssertionError("expected one request, got " + sent.size() + ": " + sent);
        }
        return sent.get(0);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] body = new byte[0];
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = in.readAllBytes();
                    }
                }
                sent.add(new Sent(request.httpRequest(), body));
                Canned c = responses.size() > 1 ? responses.poll() : responses.peek();
                if (c == null) {
                    throw new AssertionError("no response canned for " + request.httpRequest().method() + " "
                            + request.httpRequest().getUri());
                }
                if (c.failure() != null) {
                    throw c.failure();
                }
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(c.status());
                c.headers().forEach(response::putHeader);
                response.putHeader("Content-Length", Integer.toString(c.body().length));
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(c.body()))).build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }
}
