package dev.churnops.handlers.scoring;

import dev.churnops.handlers.Services;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scoring API's configuration, immutable and validated once: how many customers one request
 * may score, how large a request body may be, which API keys are accepted and which model serves.
 * Build it with {@link #builder()}, which starts from the stated defaults, or read it from the
 * environment with {@link #from(Map)}. An empty key set is the default and refuses every request
 * but {@code GET /health}: the API is closed until keys are configured. {@link #toString()} never
 * shows the keys.
 *
 * @param maxCustomers customers per {@code POST /v1/scores}, 1 to {@value #MAX_CUSTOMERS_LIMIT};
 *     default {@value #DEFAULT_MAX_CUSTOMERS}
 * @param maxBodyBytes request body size in bytes (after base64 decoding), 1 to
 *     {@value #MAX_BODY_BYTES_LIMIT}; default {@value #DEFAULT_MAX_BODY_BYTES}
 * @param apiKeys the accepted {@code x-api-key} values, none blank; default none
 * @param modelName the registered model whose champion serves; default {@code churn}
 * @param keyCheck who checks API keys: the handler against {@code apiKeys} (the default, and
 *     {@code churnops serve}), or API Gateway against its usage plan (on AWS, where keys are
 *     not given to the function at all)
 */
public record ScoringSettings(int maxCustomers, int maxBodyBytes, Set<String> apiKeys, String modelName,
                              KeyCheck keyCheck) {

    /** Where a request's API key is checked. */
    public enum KeyCheck {
        /** Against the configured {@code apiKeys}, in the handler. */
        HANDLER,
        /**
         * By API Gateway, before the function is invoked: the handler then only insists that the
         * request context names the key API Gateway accepted, so a method deployed without
         * {@code apiKeyRequired} refuses requests instead of serving them unauthenticated.
         */
        API_GATEWAY
    }

    public static final int DEFAULT_MAX_CUSTOMERS = 1000;
    public static final int DEFAULT_MAX_BODY_BYTES = 262_144;
    /** Bounds the work of one request; larger batches belong to the batch-scoring workflow. */
    public static final int MAX_CUSTOMERS_LIMIT = 10_000;
    /** Lambda's limit for a synchronous request payload: a larger body never reaches the function. */
    public static final int MAX_BODY_BYTES_LIMIT = 6 * 1024 * 1024;

    public ScoringSettings {
        if (maxCustomers < 1 || maxCustomers > MAX_CUSTOMERS_LIMIT) {
            throw new IllegalArgumentException("ScoringSettings.maxCustomers is " + maxCustomers
                    + " but must be a number of customers from 1 to " + MAX_CUSTOMERS_LIMIT + ".");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_LIMIT) {
            throw new IllegalArgumentException("ScoringSettings.maxBodyBytes is " + maxBodyBytes
                    + " but must be a number of bytes from 1 to " + MAX_BODY_BYTES_LIMIT + ".");
        }
        if (apiKeys == null) {
            throw new IllegalArgumentException("ScoringSettings.apiKeys is null: give an empty set to refuse every request.");
        }
        for (String key : apiKeys) {
            // The key itself is never part of a message: it is a secret.
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("ScoringSettings.apiKeys holds a blank key: every key needs characters.");
            }
        }
        apiKeys = Set.copyOf(apiKeys);
        if (keyCheck == null) {
            throw new IllegalArgumentException("ScoringSettings.keyCheck is null: expected HANDLER or API_GATEWAY.");
        }
        if (keyCheck == KeyCheck.API_GATEWAY && !apiKeys.isEmpty()) {
            throw new IllegalArgumentException("ScoringSettings: API keys are checked by API Gateway, yet "
                    + apiKeys.size() + " key(s) are configured for the handler: keep keys in one place.");
        }
        try {
            modelName = Services.Settings.DEFAULTS.modelName(modelName == null ? "" : modelName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ScoringSettings.modelName: " + e.getMessage() + ".", e);
        }
    }

    /** A builder pre-filled with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code CHURNOPS_API_KEYS} (comma-separated; surrounding spaces are trimmed),
     * {@code CHURNOPS_MAX_BODY_BYTES}, {@code CHURNOPS_MAX_CUSTOMERS}, {@code CHURNOPS_MODEL_NAME}
     * and {@code CHURNOPS_API_KEY_CHECK} ({@code handler}, the default, or {@code api-gateway});
     * an absent variable keeps its default.
     *
     * @throws IllegalArgumentException a sentence naming the variable, its value (never a key's)
     *     and what was expected
     */
    public static ScoringSettings from(Map<String, String> env) {
        Builder b = builder();
        b.maxCustomers(whole(env, "CHURNOPS_MAX_CUSTOMERS", DEFAULT_MAX_CUSTOMERS, MAX_CUSTOMERS_LIMIT, "customers"));
        b.maxBodyBytes(whole(env, "CHURNOPS_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, MAX_BODY_BYTES_LIMIT, "bytes"));
        b.apiKeys(keys(env.get("CHURNOPS_API_KEYS")));
        String check = env.get("CHURNOPS_API_KEY_CHECK");
        if (check != null) {
            switch (check.trim()) {
                case "handler" -> b.keyCheck(KeyCheck.HANDLER);
                case "api-gateway" -> b.keyCheck(KeyCheck.API_GATEWAY);
                default -> throw new IllegalArgumentException("CHURNOPS_API_KEY_CHECK is '" + check
                        + "': expected 'handler' (keys from CHURNOPS_API_KEYS) or 'api-gateway'.");
            }
            if (b.keyCheck == KeyCheck.API_GATEWAY && !b.apiKeys.isEmpty()) {
                throw new IllegalArgumentException("CHURNOPS_API_KEYS is set although CHURNOPS_API_KEY_CHECK is "
                        + "'api-gateway': API Gateway's usage plan holds the keys; unset CHURNOPS_API_KEYS.");
            }
        }
        String name = env.get("CHURNOPS_MODEL_NAME");
        if (name != null) {
            try {
                b.modelName(Services.Settings.DEFAULTS.modelName(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("CHURNOPS_MODEL_NAME is '" + name + "': " + e.getMessage() + ".", e);
            }
        }
        return b.build();
    }

    private static int whole(Map<String, String> env, String variable, int fallback, int max, String unit) {
        String text = env.get(variable);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(variable + " is '" + text + "': expected a whole number of " + unit
                    + " from 1 to " + max + " (default " + fallback + ").");
        }
        return value;
    }

    private static Set<String> keys(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        String[] parts = text.split(",", -1);
        List<Integer> blank = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String key = parts[i].trim();
            if (key.isEmpty()) {
                blank.add(i + 1);
            } else {
                keys.add(key);
            }
        }
        if (!blank.isEmpty()) {
            // Name the positions, not the value: the variable holds secrets.
            throw new IllegalArgumentException("CHURNOPS_API_KEYS has an empty key at position " + blank
                    + " of its " + parts.length + " comma-separated entries: remove the extra comma.");
        }
        return keys;
    }

    /** Shows the number of API keys, never the keys. */
    @Override
    public String toString() {
        return "ScoringSettings[maxCustomers=" + maxCustomers + ", maxBodyBytes=" + maxBodyBytes + ", apiKeys="
                + apiKeys.size() + " key(s), modelName=" + modelName + ", keyCheck=" + keyCheck + "]";
    }

    /** Builds {@link ScoringSettings}; every field starts at its default and is checked in {@link #build()}. */
    public static final class Builder {
        private int maxCustomers = DEFAULT_MAX_CUSTOMERS;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Set<String> apiKeys = Set.of();
        private String modelName = Services.Settings.DEFAULTS.modelName();
        private KeyCheck keyCheck = KeyCheck.HANDLER;

        private Builder() {
        }

        /** Customers per request; default {@value ScoringSettings#DEFAULT_MAX_CUSTOMERS}. */
        public Builder maxCustomers(int value) {
            this.maxCustomers = value;
            return this;
        }

        /** Body size in bytes; default {@value ScoringSettings#DEFAULT_MAX_BODY_BYTES}. */
        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        /** Accepted API keys; default none, which refuses every request but {@code GET /health}. */
        public Builder apiKeys(Set<String> value) {
            this.apiKeys = value;
            return this;
        }

        /** The served model; default {@code churn}. */
        public Builder modelName(String value) {
            this.modelName = value;
            return this;
        }

        /** Who checks API keys; default {@link KeyCheck#HANDLER}. */
        public Builder keyCheck(KeyCheck value) {
            this.keyCheck = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field, its value and the allowed range
         */
        public ScoringSettings build() {
            return new ScoringSettings(maxCustomers, maxBodyBytes, apiKeys, modelName, keyCheck);
        }
    }
}
