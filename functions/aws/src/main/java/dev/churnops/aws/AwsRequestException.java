package dev.churnops.aws;

/**
 * An AWS call refused for a reason retrying will not fix: access denied, a bucket, topic or role
 * that does not exist, a request the service finds invalid. The state machines do not retry it;
 * it goes to the alert path with this message, which names the call and what it was on.
 */
public class AwsRequestException extends RuntimeException {

    public AwsRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
