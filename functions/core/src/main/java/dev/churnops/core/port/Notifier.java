package dev.churnops.core.port;

/** Sends notifications to people: SNS on AWS, an outbox file and the console locally. */
public interface Notifier {

    /** Publishes one message; returns the message id the channel assigned. */
    String publish(Notification notification);
}
