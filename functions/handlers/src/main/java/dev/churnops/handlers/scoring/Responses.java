package dev.churnops.handlers.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.json.Json;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.FieldError;
import dev.churnops.core.scoring.Reason;
import dev.churnops.core.scoring.ServingModel;
import java.io.IOException;
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
        return write(g -> {
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
        });
    }

    /** {@code {"model": {"name", "version"}, "scores": [...]}}, in the order of the request. */
    static String scores(ServingModel model, List<CustomerScore> scores) {
        return write(g -> {
            g.writeStartObject();
            model(g, model);
            g.writeArrayFieldStart("scores");
            for (CustomerScore s : scores) {
                score(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code {"model": {"name", "version"}, "score": {...}}}. */
    static String score(ServingModel model, CustomerScore score) {
        return write(g -> {
            g.writeStartObject();
            model(g, model);
            g.writeFieldName("score");
            score(g, score);
            g.writeEndObject();
        });
    }

    /** {@code {"status": "ok", "model": {"name", "version"}}}. */
    static String health(ServingModel model) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("status", "ok");
            model(g, model);
            g.writeEndObject();
        });
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

    /** What writes one body to the generator. */
    @FunctionalInterface
    private interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /**
     * The text {@code body} writes. Written as {@code ObjectMapper.writeValueAsString} writes: into
     * Jackson's segmented writer, whose buffer comes from the thread's buffer recycler and grows
     * there to the largest body written, so the characters are copied once, into the string. A
     * {@code StringWriter} allocated per body held them twice (its buffer, then the string), and
     * grew by copying when its size was guessed short: a third of a 100-customer response's bytes.
     */
    private static String write(Body body) {
        BufferRecycler recycler = ScoringJson.factory()._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator g = ScoringJson.factory().createGenerator(out)) {
                body.writeTo(g);
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            recycler.releaseToPool();
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
