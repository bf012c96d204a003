package dev.churnops.handlers.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.FieldError;
import dev.churnops.core.scoring.Reason;
import dev.churnops.core.scoring.ServingModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Response bodies, written with the streaming generator (no data binding per request), and the
 * response events that carry them with {@code Content-Type} and {@code x-request-id}.
 */
final class Responses {

    static final String CONTENT_TYPE = "application/json";
    static final String REQUEST_ID_HEADER = "x-request-id";

    private Responses() {
    }

    static APIGatewayProxyResponseEvent of(int status, String body, String requestId) {
        Map<String, String> headers = new HashMap<>(4);
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put(REQUEST_ID_HEADER, requestId);
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(false);
    }

    static APIGatewayProxyResponseEvent error(ApiError error, String requestId) {
        APIGatewayProxyResponseEvent response = of(error.status, errorBody(error, requestId), requestId);
        if (error.allow != null) {
            response.getHeaders().put("Allow", error.allow);
        }
        return response;
    }

    /** {@code {"error": {"status", "code", "message", "errors": [{"field", "message"}], "requestId"}}}. */
    static String errorBody(ApiError error, String requestId) {
        StringWriter out = new StringWriter(160 + 96 * error.errors.size());
        try (JsonGenerator g = ScoringJson.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeNumberField("status", error.status);
            g.writeStringField("code", error.code);
            g.writeStringField("message", error.getMessage());
            g.writeArrayFieldStart("errors");
            for (FieldError e : error.errors) {
                g.writeStartObject();
                g.writeStringField("field", e.field());
                g.writeStringField("message", e.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("requestId", requestId);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code {"model": {"name", "version"}, "scores": [...]}}, in the order of the request. */
    static String scores(ServingModel model, List<CustomerScore> scores) {
        StringWriter out = new StringWriter(capacity(model, scores));
        try (JsonGenerator g = ScoringJson.factory().createGenerator(out)) {
            g.writeStartObject();
            model(g, model);
            g.writeArrayFieldStart("scores");
            for (CustomerScore s : scores) {
                score(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Characters enough for the scores body of {@code scores}, so its buffer is allocated once and
     * never grows by copying: every number counted at its longest (24 characters, as in
     * {@code -1.2345678901234567E-100}), strings as they are. Only text that needs escaping (a quote
     * or control character in a customer id) can make the body longer; the buffer then grows.
     */
    static int capacity(ServingModel model, List<CustomerScore> scores) {
        // {"model":{"name":"…","version":N},"scores":[…]}
        long chars = 44 + model.modelName().length() + NUMBER;
        for (CustomerScore s : scores) {
            // {"customerId":"…","probability":N,"segment":"…","modelVersion":N,"reasons":[…]},
            chars += 75 + 2 * NUMBER + s.segment().length() + (s.customerId() == null ? 0 : s.customerId().length());
            for (Reason r : s.reasons()) {
                // {"feature":"…","contribution":N},
                chars += 31 + NUMBER + r.feature().length();
            }
        }
        return (int) Math.min(chars, Integer.MAX_VALUE - 8);
    }

    /** The most characters a number of a response takes. */
    private static final int NUMBER = 24;

    /** {@code {"model": {"name", "version"}, "score": {...}}}. */
    static String score(ServingModel model, CustomerScore score) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = ScoringJson.factory().createGenerator(out)) {
            g.writeStartObject();
            model(g, model);
            g.writeFieldName("score");
            score(g, score);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code {"status": "ok", "model": {"name", "version"}}}. */
    static String health(ServingModel model) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = ScoringJson.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "ok");
            model(g, model);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The model card as stored in the artifact, plus {@code input_schema}: the JSON Schema of {@code features}. */
    static String modelCard(ServingModel model) {
        ObjectNode card = Json.mapper().valueToTree(model.card());
        card.set("input_schema", Json.mapper().valueToTree(model.validator().jsonSchema()));
        try {
            return ScoringJson.WRITER.writeValueAsString(card);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void model(JsonGenerator g, ServingModel model) throws IOException {
        g.writeObjectFieldStart("model");
        g.writeStringField("name", model.modelName());
        g.writeNumberField("version", model.version());
        g.writeEndObject();
    }

    private static void score(JsonGenerator g, CustomerScore s) throws IOException {
        g.writeStartObject();
        if (s.customerId() != null) {
            g.writeStringField("customerId", s.customerId());
        }
        g.writeNumberField("probability", s.probability());
        g.writeStringField("segment", s.segment());
        g.writeNumberField("modelVersion", s.modelVersion());
        g.writeArrayFieldStart("reasons");
        for (Reason r : s.reasons()) {
            g.writeStartObject();
            g.writeStringField("feature", r.feature());
            g.writeNumberField("contribution", r.contribution());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
