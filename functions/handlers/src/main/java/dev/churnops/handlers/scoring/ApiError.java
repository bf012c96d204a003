package dev.churnops.handlers.scoring;

import dev.churnops.core.scoring.FieldError;
import java.util.List;

/**
 * A request the API refuses, with everything its error response says: HTTP status, a stable
 * machine-readable code, one sentence for people, and every offending field. Thrown from deep in
 * request handling and turned into the one error shape by the handler. It carries no stack trace:
 * it is an expected outcome, not a failure, and is thrown on the hot path.
 */
final class ApiError extends RuntimeException {

    /** At most this many field errors are listed, so a hostile body cannot make a huge response. */
    static final int MAX_LISTED_ERRORS = 1000;

    final int status;
    final String code;
    final List<FieldError> errors;
    /** The value of the {@code Allow} header of a 405, else null. */
    final String allow;

    private ApiError(int status, String code, String message, List<FieldError> errors, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors.size() > MAX_LISTED_ERRORS ? List.copyOf(errors.subList(0, MAX_LISTED_ERRORS))
                : List.copyOf(errors);
        this.allow = allow;
    }

    static ApiError invalidRequest(List<FieldError> errors) {
        String message = errors.size() == 1 ? "1 field of the request is invalid."
                : errors.size() + " fields of the request are invalid" + (errors.size() > MAX_LISTED_ERRORS
                ? "; the first " + MAX_LISTED_ERRORS + " are listed." : ".");
        return new ApiError(400, "invalid_request", message, errors, null);
    }

    static ApiError invalidRequest(String field, String message) {
        return invalidRequest(List.of(new FieldError(field, message)));
    }

    static ApiError invalidJson(String message) {
        return new ApiError(400, "invalid_json", "The request body is not valid JSON.",
                List.of(new FieldError("body", message)), null);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message, List.of(), null);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message, List.of(), null);
    }

    static ApiError routeNotFound() {
        return new ApiError(404, "not_found", "There is no such route. Routes: POST /v1/scores, "
                + "GET /v1/customers/{id}/score, GET /v1/model, GET /health.", List.of(), null);
    }

    static ApiError unknownCustomers(List<FieldError> errors) {
        String message = errors.size() == 1 ? "1 customer is unknown to the feature store."
                : errors.size() + " customers are unknown to the feature store.";
        return new ApiError(404, "unknown_customer", message, errors, null);
    }

    static ApiError methodNotAllowed(String allowed) {
        return new ApiError(405, "method_not_allowed", "This route answers only " + allowed + ".", List.of(), allowed);
    }

    static ApiError tooLarge(int maxBodyBytes) {
        return new ApiError(413, "payload_too_large", "The request body is larger than " + maxBodyBytes
                + " bytes; send fewer customers per request.", List.of(), null);
    }

    static ApiError unsupportedMediaType() {
        return new ApiError(415, "unsupported_media_type",
                "The request body must be sent with Content-Type: application/json (charset utf-8, if given).",
                List.of(), null);
    }

    /** A genuine internal failure: the response names nothing of it. */
    static ApiError internal() {
        return new ApiError(500, "internal_error", "The request could not be answered because of an internal "
                + "error; it has been logged under the request id.", List.of(), null);
    }
}
