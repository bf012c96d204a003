package dev.churnops.handlers.scoring;

/**
 * The scoring API's routes, matched without regular expressions. API Gateway names the resource
 * template that matched ({@code /v1/customers/{id}/score}), which is used when it is one of ours;
 * behind a catch-all resource ({@code /{proxy+}}) or without one the path decides: three fixed
 * paths by a string switch, and {@code /v1/customers/{id}/score} by its prefix and suffix.
 */
enum Route {

    SCORES("POST", "/v1/scores", true),
    CUSTOMER_SCORE("GET", "/v1/customers/{id}/score", true),
    MODEL("GET", "/v1/model", true),
    HEALTH("GET", "/health", false);

    private static final String CUSTOMERS = "/v1/customers/";
    private static final String SCORE = "/score";

    /** The one method the route answers; any other gets 405 with this as {@code Allow}. */
    final String method;
    /** The path as the OpenAPI document and the API Gateway resource name it. */
    final String template;
    final boolean keyRequired;

    Route(String method, String template, boolean keyRequired) {
        this.method = method;
        this.template = template;
        this.keyRequired = keyRequired;
    }

    /** The route of an event's resource template or, failing that, its path; null when there is none. */
    static Route of(String resource, String path) {
        if (resource != null) {
            switch (resource) {
                case "/v1/scores":
                    return SCORES;
                case "/v1/customers/{id}/score":
                    return CUSTOMER_SCORE;
                case "/v1/model":
                    return MODEL;
                case "/health":
                    return HEALTH;
                default:
                    break;
            }
        }
        return match(path);
    }

    /** The route of {@code path}, or null when there is none. */
    static Route match(String path) {
        if (path == null) {
            return null;
        }
        switch (path) {
            case "/v1/scores":
                return SCORES;
            case "/v1/model":
                return MODEL;
            case "/health":
                return HEALTH;
            default:
                return customerSegment(path) >= 0 ? CUSTOMER_SCORE : null;
        }
    }

    /** The customer id segment of a {@code /v1/customers/{id}/score} path, as it appears in the path. */
    static String customerIdIn(String path) {
        int end = customerSegment(path);
        return end < 0 ? null : path.substring(CUSTOMERS.length(), end);
    }

    /** Where the id segment of a customer path ends, or -1 when {@code path} is not one. */
    private static int customerSegment(String path) {
        if (path == null) {
            return -1;
        }
        int end = path.length() - SCORE.length();
        if (end > CUSTOMERS.length() && path.startsWith(CUSTOMERS) && path.endsWith(SCORE)
                && path.indexOf('/', CUSTOMERS.length()) == end) {
            return end;
        }
        return -1;
    }
}
