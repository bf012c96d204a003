package dev.churnops.handlers.scoring;

import static dev.churnops.handlers.scoring.ApiFixtures.handler;
import static dev.churnops.handlers.scoring.ApiFixtures.post;
import static org.junit.jupiter.api.Assertions.assertEquals;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact response bodies of {@code POST /v1/scores}, byte for byte, against files under
 * {@code golden/}: a batch of 100 customers, one request with an error of every kind validation
 * reports, and the parse errors. The request and response code paths are tuned for allocation;
 * these files say that no such change altered a byte a client reads. On a mismatch the body
 * received is written to {@code target/golden-actual/} for comparison.
 */
class ResponseBytesTest {

    private final ScoringHandler handler = handler();

    @Test
    void scoresABatchOfAHundredCustomersToTheSameBytes() {
        StringBuilder body = new StringBuilder("{\"customers\": [");
        for (int i = 0; i < 100; i++) {
            // Some ids need escaping or are not ASCII: the writer's escaping is pinned too.
            String id = i % 10 == 7 ? "\u03a9-\u00e9\\u00e9\\\"\\n" + i : "C" + (4000 + i * 13);
            body.append(i == 0 ? "" : ", ").append("{\"customerId\": \"").append(id).append("\", ")
                    .append("\"features\": {");
            if (i % 7 != 3) {
                body.append("\"signup_channel\": \"web\", ");
            }
            body.append("\"plan\": \"").append(i % 3 == 0 ? "basic" : i % 3 == 1 ? "plus" : "premium").append("\", ")
                    .append("\"tenure_months\": ").append(i % 11 == 5 ? "null" : String.valueOf(1 + i % 70)).append(", ")
                    .append("\"monthly_spend\": ").append(10 + i * 1.37).append(", ")
                    .append("\"orders_90d\": ").append(i % 9).append(", ")
                    .append("\"days_since_last_order\": ").append(i % 4 == 0 ? "1.5e1" : String.valueOf(i % 60)).append(", ")
                    .append("\"support_tickets_90d\": ").append(i % 5).append(", ")
                    .append("\"email_opt_in\": ").append(i % 2 == 0).append(", ")
                    .append("\"app_user\": ").append(i % 3 == 0 ? "null" : String.valueOf(i % 4 == 1)).append(", ")
                    .append("\"payment_method\": \"card\"}}");
        }
        body.append("]}");

        assertGolden("scores-100.json", 200, body.toString());
    }

    @Test
    void reportsEveryInvalidFieldWithTheSameBytes() {
        String body = "{\"customers\": ["
                + "{\"customerId\": \"C1\", \"features\": {\"plan\": \"gold\", \"tenure_months\": \"twelve\","
                + " \"monthly_spend\": true, \"email_opt_in\": 1, \"shoe_size\": 44, \"payment_method\": ["
                + "\"card\"], \"signup_channel\": {\"a\": 1}}},"
                + " {\"customerId\": \"   \"}, {\"customerId\": \"" + "x".repeat(129) + "\"}, {\"customerId\": 7},"
                + " {}, 12, {\"features\": [1, 2]}, {\"customerId\": \"C9\", \"extra\": null},"
                + " {\"customerId\": \"C10\", \"features\": {\"plan\": \"" + "p".repeat(60) + "\"}}"
                + "], \"options\": {}}";

        assertGolden("invalid-fields.json", 400, body);
    }

    @Test
    void reportsParseErrorsWithTheSameBytes() {
        String[] bodies = {
            "",
            "{\"customers\": [",
            "{\"customers\": [{\"customerId\": \"C1\"}]} {}",
            "{\"customers\": [], \"customers\": [{\"customerId\": \"C1\"}]}",
            "{\"customers\": [{\"customerId\": \"C1\", \"features\": {\"plan\": \"basic\", \"tenure_months\": 3,"
                    + " \"monthly_spend\": 1, \"plan\": \"plus\"}}]}",
            "{\"customers\": [{\"features\": {\"plan\": " + "[".repeat(40) + "]".repeat(40) + "}}]}",
            "{\"customers\": [{\"customerId\": \"C1\", \"features\": {\"tenure_months\": 01}}]}",
            "{\"customers\": [{\"customerId\": 'C1'}]}",
            "[1, 2,]",
            "{\"customers\": [{\"customerId\": \"C1\"}]",
        };
        StringBuilder all = new StringBuilder();
        for (String body : bodies) {
            all.append(handler.handleRequest(post(body), null).getBody()).append('\n');
        }

        assertGoldenText("parse-errors.txt", all.toString());
    }

    @Test
    void readsObjectsOfManyMembersToTheSameBytes() {
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            wide.append(", \"column_").append(i).append("\": ").append(i);
        }
        String[] bodies = {
            // 40 unknown columns and a known one after them: every one reported, in order.
            "{\"customers\": [{\"customerId\": \"C1\", \"features\": {\"plan\": \"basic\"" + wide
                    + ", \"tenure_months\": \"x\"}}]}",
            // A duplicate after the 32nd member, and one before it.
            "{\"customers\": [{\"features\": {\"plan\": \"basic\"" + wide + ", \"column_35\": 1}}]}",
            "{\"customers\": [{\"features\": {\"plan\": \"basic\"" + wide + ", \"column_3\": 1}}]}",
            "{\"customers\": [{\"features\": {\"plan\": \"basic\", \"plan\": 1" + wide + "}}]}",
            // Many customers, one of them null, one an array.
            "{\"customers\": [" + "{\"customerId\": \"C1\"}, ".repeat(70) + "null, [], {\"customerId\": \"C2\"}]}",
        };
        StringBuilder all = new StringBuilder();
        for (String body : bodies) {
            all.append(handler.handleRequest(post(body), null).getBody()).append('\n');
        }

        assertGoldenText("large-objects.txt", all.toString());
    }

    /** Answers twice: the response writer's buffer is new on the first answer and reused on the second. */
    private void assertGolden(String name, int status, String requestBody) {
        for (int i = 0; i < 2; i++) {
            var response = handler.handleRequest(post(requestBody), null);
            assertEquals(status, response.getStatusCode(), response::getBody);
            assertGoldenText(name, response.getBody());
        }
    }

    private static void assertGoldenText(String name, String actual) {
        String expected;
        try (InputStream in = ResponseBytesTest.class.getResourceAsStream("golden/" + name)) {
            expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!actual.equals(expected)) {
            try {
                Path out = Path.of("target", "golden-actual", name);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertEquals(expected, actual, "response bytes of golden/" + name);
    }
}
