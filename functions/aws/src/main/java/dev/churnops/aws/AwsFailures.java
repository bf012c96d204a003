package dev.churnops.aws;

import dev.churnops.core.port.TransientFailure;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts what an AWS call threw, once the SDK's own retries are spent, into the two kinds the state
 * machines tell apart: a {@link TransientFailure} (throttling, a 5xx, a timeout or an I/O error on
 * the way), which their Retry blocks name and retry, and an {@link AwsRequestException} for
 * everything retrying will not fix (access denied, a missing bucket or topic, an invalid request).
 * Both messages say which call on what failed.
 */
final class AwsFailures {

    private AwsFailures() {
    }

    /**
     * The failure to throw for {@code e}.
     *
     * @param call what was attempted, such as {@code S3 GetObject of s3://bucket/key}
     */
    static RuntimeException of(String call, SdkException e) {
        if (isTransient(e)) {
            return new TransientFailure(call + " failed and may succeed if retried: " + describe(e), e);
        }
        return new AwsRequestException(call + " was refused: " + describe(e), e);
    }

    static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() == 429 || service.statusCode() >= 500
                    || service.isClockSkewException();
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        return e instanceof SdkClientException && causedByIo(e);
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The service's error code, status and request id when it answered; the client's message otherwise. */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return (code == null ? "error" : code) + " (HTTP " + service.statusCode() + ")"
                    + (message == null ? "" : ": " + message)
                    + (service.requestId() == null ? "" : " [request id " + service.requestId() + "]");
        }
        return e.getMessage();
    }

    /** The error code AWS gave, or null when the call never got an answer. */
    static String errorCode(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : null;
    }
}
