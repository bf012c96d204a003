package dev.churnops.handlers.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Checks the {@code x-api-key} header against the configured keys without leaking them through
 * timing: both sides are compared as SHA-256 digests (so neither a key's length nor a common
 * prefix changes the time taken), with {@link MessageDigest#isEqual} (constant time), against every
 * configured key (so which key matched does not change it either). Only digests are kept. When
 * API Gateway checks keys ({@link ScoringSettings.KeyCheck#API_GATEWAY}), the request context must
 * carry the key it accepted.
 */
final class ApiKeys {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ApiKeys::newDigest);

    private final byte[][] digests;

    private final boolean gatewayChecked;

    ApiKeys(Set<String> keys) {
        this(keys, ScoringSettings.KeyCheck.HANDLER);
    }

    ApiKeys(Set<String> keys, ScoringSettings.KeyCheck check) {
        gatewayChecked = check == ScoringSettings.KeyCheck.API_GATEWAY;
        digests = new byte[keys.size()][];
        int i = 0;
        for (String key : keys) {
            digests[i++] = digest(key);
        }
    }

    /**
     * Returns when {@code presented} is a configured key.
     *
     * @throws ApiError 401 when no key is presented or none is configured, 403 when the key is wrong
     */
    void check(APIGatewayProxyRequestEvent event) {
        if (gatewayChecked) {
            APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
            String accepted = context == null || context.getIdentity() == null ? null : context.getIdentity().getApiKey();
            if (accepted == null || accepted.isEmpty()) {
                throw ApiError.unauthorized("An API key is required: send it in the x-api-key header. (API Gateway "
                        + "passed this request on without one: its method must require an API key.)");
            }
            return;
        }
        checkPresented(HttpRequests.header(event, ScoringHandler.API_KEY_HEADER));
    }

    void checkPresented(String presented) {
        if (digests.length == 0) {
            throw ApiError.unauthorized("No API keys are configured for this deployment (CHURNOPS_API_KEYS), "
                    + "so every request but GET /health is refused.");
        }
        if (presented == null || presented.isEmpty()) {
            throw ApiError.unauthorized("An API key is required: send it in the x-api-key header.");
        }
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] key : digests) {
            // No early exit: every key is compared whatever the outcome.
            match |= MessageDigest.isEqual(key, candidate);
        }
        if (!match) {
            throw ApiError.forbidden("The API key in the x-api-key header is not valid.");
        }
    }

    private static byte[] digest(String key) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        return sha.digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
