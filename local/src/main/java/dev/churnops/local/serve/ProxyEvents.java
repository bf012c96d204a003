package dev.churnops.local.serve;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.sun.net.httpserver.HttpExchange;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns an HTTP request into the {@link APIGatewayProxyRequestEvent} an API Gateway REST API with
 * Lambda proxy integration sends (as {@code sam local start-api} does): the resource template that
 * matched ({@code /v1/scores}, {@code /v1/customers/{id}/score}, {@code /v1/model}, {@code /health},
 * else the catch-all {@code /{proxy+}}, so the handler itself answers 404 and 405 in its own error
 * shape), path parameters, headers and multi-value headers, query string parameters, a request
 * context (request id, stage {@value #STAGE}, source IP) and the body as text. Header names are
 * lower-cased, as HTTP/2 clients and API Gateway HTTP APIs deliver them, because the JDK server
 * would otherwise present them in its own capitalisation ({@code X-api-key}). Routes are matched
 * with plain string comparisons: no regular expression runs per request.
 */
final class ProxyEvents {

    static final String STAGE = "local";
    static final String ACCOUNT = "000000000000";
    static final String API_ID = "local";

    static final String SCORES = "/v1/scores";
    static final String CUSTOMER_SCORE = "/v1/customers/{id}/score";
    static final String MODEL = "/v1/model";
    static final String HEALTH = "/health";
    static final String PROXY = "/{proxy+}";

    private static final String CUSTOMERS_PREFIX = "/v1/customers/";
    private static final String SCORE_SUFFIX = "/score";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A matched resource template and its path parameters (null where API Gateway sends null). */
    record Route(String resource, Map<String, String> pathParameters) {
    }

    private static final Route SCORES_ROUTE = new Route(SCORES, null);
    private static final Route MODEL_ROUTE = new Route(MODEL, null);
    private static final Route HEALTH_ROUTE = new Route(HEALTH, null);

    /** JDK-capitalised header name → lower-case name; a handful of names repeat on every request. */
    private final Map<String, String> lowerCaseNames = new ConcurrentHashMap<>();
    /** The formatted {@code requestTime} of the current second, reused by every request within it. */
    private volatile CachedTime cachedTime = new CachedTime(-1, "");

    private record CachedTime(long epochSecond, String text) {
    }

    /**
     * The route of a raw (still percent-encoded) path; an encoded {@code /} inside a customer id
     * stays part of the id, as it does on API Gateway.
     */
    static Route route(String rawPath) {
        switch (rawPath) {
            case SCORES:
                return SCORES_ROUTE;
            case MODEL:
                return MODEL_ROUTE;
            case HEALTH:
                return HEALTH_ROUTE;
            default:
                break;
        }
        int start = CUSTOMERS_PREFIX.length();
        int end = rawPath.length() - SCORE_SUFFIX.length();
        if (end > start && rawPath.startsWith(CUSTOMERS_PREFIX) && rawPath.endsWith(SCORE_SUFFIX)
                && rawPath.indexOf('/', start) == end) {
            return new Route(CUSTOMER_SCORE, Map.of("id", decode(rawPath.substring(start, end), false)));
        }
        String proxy = rawPath.length() > 1 ? decode(rawPath.substring(1), false) : "";
        return new Route(PROXY, Map.of("proxy", proxy));
    }

    /** The event for {@code exchange}; {@code body} is null when the request has none, as on API Gateway. */
    APIGatewayProxyRequestEvent event(HttpExchange exchange, String body, String requestId, long nowMillis) {
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod();
        Route route = route(uri.getRawPath());
        String path = uri.getPath();

        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        event.setResource(route.resource());
        event.setPath(path);
        event.setHttpMethod(method);
        event.setPathParameters(route.pathParameters());

        Map<String, List<String>> received = exchange.getRequestHeaders();
        Map<String, String> headers = new HashMap<>(capacity(received.size()));
        Map<String, List<String>> multiValueHeaders = new HashMap<>(capacity(received.size()));
        for (Map.Entry<String, List<String>> h : received.entrySet()) {
            List<String> values = h.getValue();
            if (values == null || values.isEmpty()) {
                continue;
            }
            String name = lowerCaseNames.size() < 512 ? lowerCaseNames.computeIfAbsent(h.getKey(), ProxyEvents::lower)
                    : lower(h.getKey());
            // API Gateway's single-value map holds the last value of a repeated header.
            headers.put(name, values.get(values.size() - 1));
            multiValueHeaders.put(name, values);
        }
        event.setHeaders(headers);
        event.setMultiValueHeaders(multiValueHeaders);

        String rawQuery = uri.getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            Map<String, List<String>> multi = query(rawQuery);
            Map<String, String> single = new HashMap<>(capacity(multi.size()));
            multi.forEach((k, v) -> single.put(k, v.get(v.size() - 1)));
            event.setQueryStringParameters(single);
            event.setMultiValueQueryStringParameters(multi);
        }

        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAccountId(ACCOUNT);
        context.setApiId(API_ID);
        context.setStage(STAGE);
        context.setRequestId(requestId);
        context.setExtendedRequestId(requestId);
        context.setResourceId(route.resource());
        context.setResourcePath(route.resource());
        context.setHttpMethod(method);
        context.setPath("/" + STAGE + path);
        context.setProtocol(exchange.getProtocol());
        context.setRequestTimeEpoch(nowMillis);
        context.setRequestTime(requestTime(nowMillis));
        context.setDomainName(headers.get("host"));
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        InetSocketAddress remote = exchange.getRemoteAddress();
        identity.setSourceIp(remote == null ? null : remote.getAddress().getHostAddress());
        identity.setUserAgent(headers.get("user-agent"));
        context.setIdentity(identity);
        event.setRequestContext(context);

        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    /** A request id in API Gateway's UUID form, from the thread's random source (no shared lock). */
    static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Query parameters in order of appearance, each with all its values; names and values decoded. */
    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> params = new HashMap<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = decode(rawQuery.substring(start, end), true);
                    value = "";
                } else {
                    name = decode(rawQuery.substring(start, eq), true);
                    value = decode(rawQuery.substring(eq + 1, end), true);
                }
                params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return params;
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        if (!plusIsSpace) {
            // URLDecoder turns '+' into a space, which is right for a query string but not a path.
            raw = raw.replace("+", "%2B");
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // A malformed escape is passed on as sent; the handler sees it and answers for it.
            return raw;
        }
    }

    private String requestTime(long nowMillis) {
        long second = nowMillis / 1000;
        CachedTime cached = cachedTime;
        if (cached.epochSecond() != second) {
            cached = new CachedTime(second, REQUEST_TIME.format(java.time.Instant.ofEpochSecond(second)));
            cachedTime = cached;
        }
        return cached.text();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static int capacity(int entries) {
        return (int) (entries / 0.75f) + 1;
    }
}
