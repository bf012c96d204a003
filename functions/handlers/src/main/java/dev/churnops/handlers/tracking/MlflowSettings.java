package dev.churnops.handlers.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how run records are logged to MLflow, immutable and checked once: the tracking server's
 * http(s) URL, an optional bearer token, the experiment name (default {@code churnops-<model>}), and
 * the timeouts (default 5 s to connect, 10 s per request), kept short because tracking must never hold
 * training up for long. Build it with {@link #builder(URI)} or read it from the environment with
 * {@link #from(Map)}. {@link #toString()} and {@link #displayUri()} never show the token or any user
 * information in the URL.
 *
 * @param trackingUri the server's base URL, such as {@code http://127.0.0.1:5000}; the REST API is under
 *     {@code <trackingUri>/api/2.0/mlflow/}
 * @param token sent as {@code Authorization: Bearer <token>} when not null
 * @param experimentName the experiment every run goes to; null means one experiment per model
 */
public record MlflowSettings(URI trackingUri, String token, String experimentName, Duration connectTimeout,
                             Duration requestTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public MlflowSettings {
        Objects.requireNonNull(trackingUri, "MlflowSettings.trackingUri");
        String scheme = trackingUri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || trackingUri.getHost() == null) {
            throw new IllegalArgumentException("MlflowSettings.trackingUri '" + display(trackingUri)
                    + "' must be an http or https URL of an MLflow tracking server, such as http://127.0.0.1:5000:"
                    + " runs are logged through its REST API");
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && !token.strip().chars().allMatch(c -> c > ' ' && c < 127)) {
            // The token itself is never part of a message: it is a secret.
            throw new IllegalArgumentException("MlflowSettings.token holds a space, a control or a non-ASCII character:"
                    + " expected the bare token, sent as 'Authorization: Bearer <token>'");
        }
        token = token == null ? null : token.strip();
        if (experimentName != null && experimentName.isBlank()) {
            experimentName = null;
        }
        checkTimeout(connectTimeout, "connectTimeout");
        checkTimeout(requestTimeout, "requestTimeout");
    }

    private static void checkTimeout(Duration timeout, String field) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("MlflowSettings." + field + " is " + timeout
                    + ": expected a duration above zero and at most 5 minutes");
        }
    }

    public static Builder builder(URI trackingUri) {
        return new Builder(trackingUri);
    }

    /**
     * Reads {@code MLFLOW_TRACKING_URI} (empty when unset or blank: no tracking),
     * {@code MLFLOW_TRACKING_TOKEN} and {@code MLFLOW_EXPERIMENT_NAME}.
     *
     * @throws IllegalArgumentException a sentence naming the variable and what was expected
     */
    public static Optional<MlflowSettings> from(Map<String, String> env) {
        String uri = env.get("MLFLOW_TRACKING_URI");
        if (uri == null || uri.isBlank()) {
            return Optional.empty();
        }
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("MLFLOW_TRACKING_URI is not a URL (" + e.getReason()
                    + "): expected the http(s) URL of an MLflow tracking server, such as http://127.0.0.1:5000");
        }
        try {
            return Optional.of(builder(parsed).token(env.get("MLFLOW_TRACKING_TOKEN"))
                    .experimentName(env.get("MLFLOW_EXPERIMENT_NAME")).build());
        } catch (IllegalArgumentException e) {
            String variable = e.getMessage().startsWith("MlflowSettings.token") ? "MLFLOW_TRACKING_TOKEN" : "MLFLOW_TRACKING_URI";
            throw new IllegalArgumentException(variable + ": " + e.getMessage(), e);
        }
    }

    /** The experiment a model's runs go to: the configured name, or {@code churnops-<model>}. */
    public String experimentFor(String modelName) {
        return experimentName != null ? experimentName : "churnops-" + modelName;
    }

    /** The tracking URL without user information, fit for messages and documents. */
    public String displayUri() {
        return display(trackingUri);
    }

    private static String display(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost();
        }
    }

    /** Shows whether a token is set, never the token. */
    @Override
    public String toString() {
        return "MlflowSettings[trackingUri=" + displayUri() + ", token=" + (token == null ? "none" : "set")
                + ", experimentName=" + experimentName + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }

    /** Builds {@link MlflowSettings}; every field but the URL starts at its default. */
    public static final class Builder {
        private final URI trackingUri;
        private String token;
        private String experimentName;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder(URI trackingUri) {
            this.trackingUri = trackingUri;
        }

        /** Bearer token; default none. */
        public Builder token(String value) {
            this.token = value;
            return this;
        }

        /** One experiment for every model; default {@code churnops-<model>}. */
        public Builder experimentName(String value) {
            this.experimentName = value;
            return this;
        }

        /** Default 5 seconds. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** Per request, from sending to the whole answer; default 10 seconds. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public MlflowSettings build() {
            return new MlflowSettings(trackingUri, token, experimentName, connectTimeout, requestTimeout);
        }
    }
}
