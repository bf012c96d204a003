package dev.churnops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.port.Notification;
import dev.churnops.core.port.TransientFailure;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnsNotifierTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:churnops-alerts";
    private static final String OK = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
            + "<MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult><ResponseMetadata>"
            + "<RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata></PublishResponse>";

    private final FakeHttp http = new FakeHttp();
    private final SnsNotifier notifier = new SnsNotifier(TestClients.sns(http), TOPIC);

    private static Notification notification(String subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("executionId", "exec-42");
        body.put("quarantineRate", 0.12);
        body.put("champion", null);
        return new Notification(subject, Notification.Severity.WARNING, body, Map.of("workflow", "ingestion"));
    }

    @Test
    void publishesTheNotificationAsJsonWithItsSubjectAndReturnsTheMessageId() {
        http.respond(200, OK);

        String id = notifier.publish(notification("Quarantine rate 12% over 5% for customers"));

        assertEquals("567910cd-659e-55d4-8ccb-5aaf14679dc0", id);
        FakeHttp.Sent sent = http.only();
        assertEquals("POST", sent.method());
        assertEquals("sns.eu-west-1.amazonaws.com", sent.host());
        Map<String, String> form = sent.form();
        assertEquals("Publish", form.get("Action"));
        assertEquals("2010-03-31", form.get("Version"));
        assertEquals(TOPIC, form.get("TopicArn"));
        assertEquals("Quarantine rate 12% over 5% for customers", form.get("Subject"));
        JsonNode message = Json.tree(form.get("Message").getBytes(StandardCharsets.UTF_8), "message");
        assertEquals(Json.tree(("{\"severity\":\"WARNING\",\"subject\":\"Quarantine rate 12% over 5% for customers\","
                + "\"message\":{\"executionId\":\"exec-42\",\"quarantineRate\":0.12,\"champion\":null},"
                + "\"attributes\":{\"workflow\":\"ingestion\"}}").getBytes(StandardCharsets.UTF_8), "expected"), message);
        assertEquals("severity", form.get("MessageAttributes.entry.1.Name"));
        assertEquals("String", form.get("MessageAttributes.entry.1.Value.DataType"));
        assertEquals("WARNING", form.get("MessageAttributes.entry.1.Value.StringValue"));
        assertEquals("workflow", form.get("MessageAttributes.entry.2.Name"));
        assertEquals("ingestion", form.get("MessageAttributes.entry.2.Value.StringValue"));
    }

    @Test
    void makesTheSubjectSafeForSns() {
        assertEquals("Drift on tenure ? alert", SnsNotifier.subject("Drift on\ntenure \u00e9\talert"));
        assertEquals("Model ? ready", SnsNotifier.subject("  Model \uD83D\uDE80 ready  "));
        assertNull(SnsNotifier.subject(" \n "));
        String cut = SnsNotifier.subject("x".repeat(98) + "\u00e9\u00e9\u00e9");
        assertEquals(99, cut.length());
        assertTrue(cut.endsWith("...") && cut.chars().allMatch(c -> c >= 0x21 && c <= 0x7e), cut);
    }

    @Test
    void sendsNoSubjectWhenNothingPrintableIsLeft() {
        http.respond(200, OK);

        notifier.publish(notification("\n"));

        assertTrue(!http.only().form().containsKey("Subject"), http.only()::text);
    }

    @Test
    void throttlingIsATransientFailure() {
        http.respond(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>"
                + "</Error><RequestId>r-1</RequestId></ErrorResponse>");

        TransientFailure e = assertThrows(TransientFailure.class, () -> notifier.publish(notification("Drift")));

        assertTrue(e.getMessage().contains("SNS Publish of 'Drift' to " + TOPIC), e::getMessage);
        assertTrue(e.getMessage().contains("Throttling"), e::getMessage);
    }

    @Test
    void aMissingTopicIsNotRetried() {
        http.respond(404, "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist"
                + "</Message></Error><RequestId>r-2</RequestId></ErrorResponse>");

        AwsRequestException e = assertThrows(AwsRequestException.class, () -> notifier.publish(notification("Drift")));

        assertTrue(e.getMessage().contains("NotFound (HTTP 404): Topic does not exist"), e::getMessage);
    }

    @Test
    void refusesAnAttributeNameSnsWouldRefuse() {
        Notification bad = new Notification("Drift", Notification.Severity.INFO, Map.of(), Map.of("AWS.source", "x"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notifier.publish(bad));

        assertTrue(e.getMessage().contains("'AWS.source'"), e::getMessage);
        assertEquals(0, http.sent().size());
    }

    @Test
    void refusesSomethingThatIsNotATopicArn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SnsNotifier(TestClients.sns(http), "churnops-alerts"));
        assertTrue(e.getMessage().contains("'churnops-alerts'"), e::getMessage);
    }
}
