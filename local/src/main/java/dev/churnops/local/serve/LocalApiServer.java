package dev.churnops.local.serve;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The scoring API on one machine: the JDK's HTTP server in front of the same request handler
 * API Gateway invokes, each HTTP request turned into the proxy event API Gateway would send
 * ({@link ProxyEvents}) and the handler's response written back as status, headers and body.
 *
 * <p>Requests run on a fixed pool of {@link Options#threads()} threads behind a queue of
 * {@link Options#queueCapacity()}: when both are full the request is answered 503 at once, so load
 * beyond capacity is refused instead of piling up without bound. A request body is read only up to
 * {@link Options#maxBodyBytes()} + 1 bytes, so an oversized body is never buffered whole; the
 * handler sees it is too large and answers 413. {@link #stop()} is graceful: it stops accepting,
 * lets accepted requests finish (up to {@link Options#stopGrace()}), then closes.
 */
public final class LocalApiServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY the JDK server's two writes per response (headers, then body) meet the
        // client's delayed ACK and add ~40 ms to every keep-alive request. Read once, at class load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** What API Gateway answers when the integration fails or returns a malformed response. */
    static final String BAD_GATEWAY_BODY = "{\"message\":\"Internal server error\"}";

    private static final byte[] EMPTY = new byte[0];

    /**
     * The 503 of a refused request, in the scoring API's one error shape ({@code {"error": {status,
     * code, message, errors, requestId}}}), since it is the API a client sees refusing.
     */
    static byte[] overloaded(String requestId) {
        return ("{\"error\":{\"status\":503,\"code\":\"overloaded\",\"message\":\"The server is at capacity: every "
                + "request thread is busy and the queue is full. Retry after a second.\",\"errors\":[],\"requestId\":\""
                + requestId + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;
    private final Options options;
    private final PrintStream log;
    private final ProxyEvents events = new ProxyEvents();
    private final HttpServer server;
    private final Pool pool;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();
    private final LongAdder answered = new LongAdder();

    /**
     * Settings of the server, validated on construction. Defaults: loopback address, port 8080,
     * 2 × the available processors as threads, a queue of 1,024 requests, bodies up to 262,144
     * bytes (the scoring handler's default), 10 seconds for in-flight requests to finish on stop.
     *
     * @param bindAddress   the address to listen on; loopback unless exposure is asked for
     * @param port          0 to 65535; 0 picks a free port ({@link #port()} tells which)
     * @param threads       request threads, at least 1
     * @param queueCapacity requests waiting for a thread before new ones get 503, at least 1
     * @param maxBodyBytes  the handler's body limit; one byte more is read so it can tell
     * @param stopGrace     how long {@link #stop()} waits for accepted requests
     */
    public record Options(InetAddress bindAddress, int port, int threads, int queueCapacity, int maxBodyBytes,
                          Duration stopGrace) {

        public Options {
            Objects.requireNonNull(bindAddress, "Options.bindAddress");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("LocalApiServer.Options.port is " + port + ": expected 0 (any free port) to 65535.");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("LocalApiServer.Options.threads is " + threads + ": expected at least 1.");
            }
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("LocalApiServer.Options.queueCapacity is " + queueCapacity
                        + ": expected at least 1 (the queue is bounded; a full one answers 503).");
            }
            if (maxBodyBytes < 1 || maxBodyBytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("LocalApiServer.Options.maxBodyBytes is " + maxBodyBytes
                        + ": expected 1 to " + (Integer.MAX_VALUE - 1) + ".");
            }
            if (stopGrace == null || stopGrace.isNegative()) {
                throw new IllegalArgumentException("LocalApiServer.Options.stopGrace is " + stopGrace
                        + ": expected a duration of zero or more.");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** These settings with another body limit. */
        public Options withMaxBodyBytes(int value) {
            return new Options(bindAddress, port, threads, queueCapacity, value, stopGrace);
        }

        /** Starts from the defaults stated on {@link Options}. */
        public static final class Builder {
            private InetAddress bindAddress = InetAddress.getLoopbackAddress();
            private int port = 8080;
            private int threads = 2 * Runtime.getRuntime().availableProcessors();
            private int queueCapacity = 1024;
            private int maxBodyBytes = 262_144;
            private Duration stopGrace = Duration.ofSeconds(10);

            private Builder() {
            }

            public Builder bindAddress(InetAddress value) {
                bindAddress = value;
                return this;
            }

            public Builder port(int value) {
                port = value;
                return this;
            }

            public Builder threads(int value) {
                threads = value;
                return this;
            }

            public Builder queueCapacity(int value) {
                queueCapacity = value;
                return this;
            }

            public Builder maxBodyBytes(int value) {
                maxBodyBytes = value;
                return this;
            }

            public Builder stopGrace(Duration value) {
                stopGrace = value;
                return this;
            }

            public Options build() {
                return new Options(bindAddress, port, threads, queueCapacity, maxBodyBytes, stopGrace);
            }
        }
    }

    private LocalApiServer(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
                           Options options, PrintStream log) throws IOException {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.log = Objects.requireNonNull(log, "log");
        this.pool = new Pool(options.threads(), options.queueCapacity());
        this.server = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
    }

    /**
     * Binds and starts serving.
     *
     * @param log where a failed handler invocation is reported, one line each
     * @throws java.net.BindException when the address or port is taken
     */
    public static LocalApiServer start(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
                                       Options options, PrintStream log) throws IOException {
        LocalApiServer s = new LocalApiServer(handler, options, log);
        s.pool.prestartAllCoreThreads();
        s.server.start();
        return s;
    }

    /** The bound port: the one asked for, or the one chosen for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<address>:<port>}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    public Options options() {
        return options;
    }

    /** Requests accepted but not finished: running or waiting for a thread. */
    public int inFlight() {
        return pool.inFlight.get();
    }

    /** Requests answered 503 because the pool and its queue were full. */
    public long refused() {
        return refused.get();
    }

    /** Requests handed to the handler and answered so far. */
    public long handled() {
        return answered.sum();
    }

    // --- per request -------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!(Thread.currentThread() instanceof Worker worker)) {
                // Only a request the pool refused runs elsewhere (on the server's dispatcher thread,
                // see Pool): answer it at once without reading its body or calling the handler.
                refused.incrementAndGet();
                String requestId = ProxyEvents.requestId();
                Headers h = exchange.getResponseHeaders();
                h.set("Content-Type", "application/json");
                h.set("x-request-id", requestId);
                h.set("Retry-After", "1");
                h.set("Connection", "close");
                send(exchange, 503, overloaded(requestId));
                return;
            }
            long now = System.currentTimeMillis();
            String requestId = ProxyEvents.requestId();
            APIGatewayProxyRequestEvent event = events.event(exchange, readBody(exchange, worker), requestId, now);
            APIGatewayProxyResponseEvent response;
            try {
                response = handler.handleRequest(event, new LocalContext(requestId, now, log));
            } catch (RuntimeException e) {
                // As API Gateway does when the function fails: a 502, and the failure in the log (its
                // type and where, not its message, which may quote the request).
                StackTraceElement[] at = e.getStackTrace();
                log.println("churnops serve: request " + requestId + " failed in the handler: " + e.getClass().getName()
                        + (at.length > 0 ? " at " + at[0] : ""));
                response = null;
            }
            write(exchange, response);
            answered.increment();
        } finally {
            exchange.close();
        }
    }

    /**
     * The body as text, or null when there is none. At most {@code maxBodyBytes + 1} bytes are read
     * into the worker's reusable buffer; a longer body is cut there and the rest left unread (the
     * JDK server discards at most 64 KiB more of it and then closes the connection).
     */
    private String readBody(HttpExchange exchange, Worker worker) throws IOException {
        int limit = options.maxBodyBytes() + 1;
        InputStream in = exchange.getRequestBody();
        byte[] buffer = worker.buffer;
        int n = 0;
        while (n < limit) {
            if (n == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(limit, 2L * buffer.length));
                worker.buffer = buffer;
            }
            int read = in.read(buffer, n, Math.min(buffer.length, limit) - n);
            if (read < 0) {
                break;
            }
            n += read;
        }
        if (n == 0) {
            return null;
        }
        if (n > options.maxBodyBytes()) {
            // Too large: only its size matters now. Decoded byte-for-byte so the text is longer
            // than the limit whether the handler counts characters or UTF-8 bytes.
            return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        }
        return new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

    private static void write(HttpExchange exchange, APIGatewayProxyResponseEvent response) throws IOException {
        Headers h = exchange.getResponseHeaders();
        if (response == null || response.getStatusCode() == null) {
            h.set("Content-Type", "application/json");
            send(exchange, 502, BAD_GATEWAY_BODY.getBytes(StandardCharsets.UTF_8));
            return;
        }
        // As API Gateway merges them: single-value headers, then multi-value ones, which win.
        Map<String, String> single = response.getHeaders();
        if (single != null) {
            single.forEach((name, value) -> {
                if (value != null) {
                    h.set(name, value);
                }
            });
        }
        Map<String, List<String>> multi = response.getMultiValueHeaders();
        if (multi != null) {
            multi.forEach((name, values) -> {
                if (values != null && !values.isEmpty()) {
                    h.put(name, values);
                }
            });
        }
        if (!h.containsKey("Content-Type")) {
            h.set("Content-Type", "application/json");
        }
        String body = response.getBody();
        byte[] bytes = body == null || body.isEmpty() ? EMPTY
                : Boolean.TRUE.equals(response.getIsBase64Encoded()) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.getStatusCode(), bytes);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    // --- stopping ----------------------------------------------------------------------------

    /**
     * Stops gracefully: closes the listening socket at once, lets every accepted request (running
     * or queued) finish within {@link Options#stopGrace()}, then closes the connections and the
     * threads. Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        int graceSeconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (options.stopGrace().toMillis() + 999) / 1000));
        // HttpServer.stop(n) closes the listener first, then keeps serving accepted exchanges; on
        // JDK 17 it returns early only when an exchange finishes after it began, so an idle server
        // would wait all n seconds. It runs on its own thread; the stop(0) below ends that wait.
        Thread closer = new Thread(() -> server.stop(graceSeconds), "churnops-http-stop");
        closer.setDaemon(true);
        closer.start();
        long deadline = System.nanoTime() + options.stopGrace().toNanos();
        while (pool.inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(2_000_000L);
        }
        server.stop(0);
        join(closer);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(Math.max(1, options.stopGrace().toMillis()), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // --- threads -----------------------------------------------------------------------------

    /** A request thread, with the body buffer it reuses from request to request. */
    private static final class Worker extends Thread {
        byte[] buffer = new byte[8192];

        Worker(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }

    /**
     * The fixed pool behind a bounded queue. The JDK server hands each exchange to
     * {@link #execute}; when the queue is full the exchange runs right away on the calling
     * dispatcher thread, where {@link #handle} recognises it (it is not a {@link Worker}) and
     * answers 503 without touching the handler. (Throwing instead would make the JDK server drop
     * the connection without any response.) Every accepted exchange is counted until it ends.
     */
    private static final class Pool extends ThreadPoolExecutor {
        final AtomicInteger inFlight = new AtomicInteger();

        Pool(int threads, int queueCapacity) {
            super(threads, threads, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                    new WorkerFactory(), Pool::refuse);
        }

        private static void refuse(Runnable exchange, ThreadPoolExecutor pool) {
            try {
                exchange.run();
            } finally {
                ((Pool) pool).inFlight.decrementAndGet();
            }
        }

        @Override
        public void execute(Runnable exchange) {
            inFlight.incrementAndGet();
            try {
                super.execute(exchange);
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                throw e;
            }
            // A refused exchange has already run (see refuse) by the time super.execute returns.
        }

        @Override
        protected void afterExecute(Runnable exchange, Throwable failure) {
            inFlight.decrementAndGet();
        }
    }

    private static final class WorkerFactory implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            return new Worker(task, "churnops-http-" + count.incrementAndGet());
        }
    }

    /** The Lambda context a local invocation gets: the request id, and API Gateway's 29 s budget. */
    private record LocalContext(String requestId, long startMillis, PrintStream log) implements Context {
        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/ScoringFunction";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "ScoringFunction";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:local:" + ProxyEvents.ACCOUNT + ":function:ScoringFunction";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, 29_000 - (System.currentTimeMillis() - startMillis));
        }

        @Override
        public int getMemoryLimitInMB() {
            return (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    log.println(message);
                }

                @Override
                public void log(byte[] message) {
                    log.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
