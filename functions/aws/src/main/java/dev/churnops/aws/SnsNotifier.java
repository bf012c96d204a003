package dev.churnops.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.Notification;
import dev.churnops.core.port.Notifier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Notifications on AWS: one SNS Publish per notification to the alert topic. The message is the
 * notification as one JSON object, {@code {"severity", "subject", "message": <body>, "attributes"}}
 * (the outbox's shape locally, without its id and time); the subject becomes the SNS Subject, made
 * safe for it; the severity and the notification's attributes go along as String message
 * attributes, so a subscription can filter on them. Returns the MessageId SNS assigned.
 */
public final class SnsNotifier implements Notifier {

    /** SNS: "must be less than 100 characters long". */
    static final int MAX_SUBJECT = 99;
    /** SNS's largest message, in bytes. */
    static final int MAX_MESSAGE_BYTES = 262_144;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_-]([A-Za-z0-9_-]|\\.(?!\\.))*");
    private static final ObjectWriter MESSAGE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        if (topicArn == null || !topicArn.startsWith("arn:") || !topicArn.contains(":sns:")) {
            throw new IllegalArgumentException("SNS topic ARN '" + topicArn
                    + "' is not a topic ARN: expected arn:aws:sns:<region>:<account>:<topic>");
        }
        this.topicArn = topicArn;
    }

    @Override
    public String publish(Notification notification) {
        String message = message(notification);
        Map<String, MessageAttributeValue> attributes = new TreeMap<>();
        attributes.put("severity", string(notification.severity().name()));
        notification.attributes().forEach((name, value) -> attributes.put(checkedName(name), string(value)));
        String subject = subject(notification.subject());
        try {
            return sns.publish(b -> b.topicArn(topicArn).subject(subject).message(message).messageAttributes(attributes))
                    .messageId();
        } catch (SdkException e) {
            throw AwsFailures.of("SNS Publish of '" + notification.subject() + "' to " + topicArn, e);
        }
    }

    /**
     * {@code subject} as SNS accepts it: ASCII printable characters only (others become '?', line
     * breaks and tabs a space), starting with a letter, digit or punctuation mark, and at most
     * {@value #MAX_SUBJECT} characters, cut with "..." when longer; null when nothing is left, since
     * SNS refuses an empty subject but accepts none.
     */
    static String subject(String subject) {
        StringBuilder b = new StringBuilder(subject.length());
        for (int i = 0; i < subject.length(); ) {
            int c = subject.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                b.append(' ');
            } else {
                b.append(c >= 0x21 && c <= 0x7e ? (char) c : '?');
            }
        }
        String safe = b.toString().replaceAll(" {2,}", " ").strip();
        if (safe.length() > MAX_SUBJECT) {
            safe = safe.substring(0, MAX_SUBJECT - 3).stripTrailing() + "...";
        }
        return safe.isEmpty() ? null : safe;
    }

    private static String message(Notification notification) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("severity", notification.severity().name());
        json.put("subject", notification.subject());
        json.put("message", notification.body());
        json.put("attributes", new TreeMap<>(notification.attributes()));
        String text;
        try {
            text = MESSAGE.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notification '" + notification.subject() + "' has a body that is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("notification '" + notification.subject() + "' is " + bytes
                    + " bytes as JSON, over SNS's limit of " + MAX_MESSAGE_BYTES + ": link to the details instead of inlining them");
        }
        return text;
    }

    private static String checkedName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (name.length() > 256 || !ATTRIBUTE_NAME.matcher(name).matches() || name.endsWith(".")
                || lower.startsWith("aws.") || lower.startsWith("amazon.") || name.equals("severity")) {
            throw new IllegalArgumentException("notification attribute name '" + name + "' is not a valid SNS message "
                    + "attribute name: expected 1-256 letters, digits, '_', '-' and single inner '.', not starting with "
                    + "AWS. or Amazon., and not 'severity' (set from the notification's severity)");
        }
        return name;
    }

    private static MessageAttributeValue string(String value) {
        if (value == null || value.isEmpty()) {
            // SNS refuses an attribute without a value.
            value = "-";
        }
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
