package dev.churnops.handlers.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.scoring.ServingModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crac.Resource;

/**
 * Lambda SnapStart hooks of the {@link ScoringHandler}. Before the snapshot is taken the model is
 * loaded and one request per route (shaped like the files in {@code events/apigateway/}) goes
 * through Jackson and the whole handler, scoring once, so the restored function starts with its
 * classes loaded and its code warm; a route that does not answer as it should stops the snapshot,
 * since the function would not serve. With an online feature store configured, priming asks it for
 * the made-up customer once alone and once in a batch, so its client is built and warm in the
 * snapshot; the scoring function's capture ignores priming. After a restore, what must differ
 * between instances is drawn afresh: the prefix of generated request ids and the capture's
 * instance id. On a JVM without CRaC nothing calls these.
 */
final class SnapStartPriming implements Resource {

    /** The customer id primed requests carry; also the id the priming lookup asks the store for. */
    static final String PRIMING_CUSTOMER = "snapstart-priming";

    private final ScoringHandler handler;

    SnapStartPriming(ScoringHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws JsonProcessingException {
        ServingModel model = handler.model();
        BlobScoreCapture capture = handler.blobCapture();
        // The primed customer is made up: the scoring function's capture neither keeps nor counts it.
        if (capture != null) {
            capture.paused(true);
        }
        try {
            for (Request r : requests(model)) {
                APIGatewayProxyRequestEvent event = ScoringJson.EVENTS.readValue(ScoringJson.WRITER.writeValueAsString(r.event));
                APIGatewayProxyResponseEvent response = handler.handle(event, null, true);
                ScoringJson.WRITER.writeValueAsString(response);
                if (!r.expected.contains(response.getStatusCode())) {
                    throw new IllegalStateException("SnapStart priming: " + r.event.getHttpMethod() + " " + r.event.getPath()
                            + " answered " + response.getStatusCode() + ", expected " + r.expected
                            + "; the function would not serve, so no snapshot should be taken");
                }
            }
        } finally {
            if (capture != null) {
                capture.paused(false);
            }
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        handler.requestIds().reseed();
        BlobScoreCapture capture = handler.blobCapture();
        if (capture != null) {
            capture.restored();
        }
    }

    /** One request per route and one refused request, as API Gateway would send them. */
    static List<Request> requests(ServingModel model) throws JsonProcessingException {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("customerId", PRIMING_CUSTOMER);
        customer.put("features", features(model));
        String inline = ScoringJson.WRITER.writeValueAsString(Map.of("customers", List.of(customer)));
        return List.of(
                new Request(event("POST", "/v1/scores", "/v1/scores", null, inline), Set.of(200)),
                new Request(event("POST", "/v1/scores", "/v1/scores", null, "{\"customers\": []}"), Set.of(400)),
                // By id: the feature store's batch lookup (BatchGetRecord on AWS), whether or not it knows the customer.
                new Request(event("POST", "/v1/scores", "/v1/scores", null,
                        "{\"customers\": [{\"customerId\": \"" + PRIMING_CUSTOMER + "\"}]}"), Set.of(200, 404)),
                // The store may or may not know the priming customer; either answer exercises the route.
                new Request(event("GET", "/v1/customers/" + PRIMING_CUSTOMER + "/score", "/v1/customers/{id}/score",
                        Map.of("id", PRIMING_CUSTOMER), null), Set.of(200, 404)),
                new Request(event("GET", "/v1/model", "/v1/model", null, null), Set.of(200)),
                new Request(event("GET", "/health", "/health", null, null), Set.of(200)));
    }

    /** A valid value for every input column: a number, false, or the first known category. */
    static Map<String, Object> features(ServingModel model) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (ModelCard.InputColumn c : model.card().inputSignature()) {
            switch (c.type()) {
                case NUMERIC -> features.put(c.name(), 1);
                case BOOLEAN -> features.put(c.name(), Boolean.FALSE);
                default -> features.put(c.name(), c.categories() == null || c.categories().isEmpty()
                        ? null : c.categories().get(0));
            }
        }
        return features;
    }

    private static APIGatewayProxyRequestEvent event(String method, String path, String resource,
                                                     Map<String, String> pathParameters, String body) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(PRIMING_CUSTOMER).withHttpMethod(method).withResourcePath(resource).withPath(path)
                .withStage("snapstart").withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp("127.0.0.1").withUserAgent("snapstart-priming"));
        Map<String, String> headers = body == null ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "Content-Type", "application/json");
        return new APIGatewayProxyRequestEvent().withResource(resource).withPath(path).withHttpMethod(method)
                .withHeaders(headers).withPathParameters(pathParameters).withRequestContext(context).withBody(body)
                .withIsBase64Encoded(false);
    }

    record Request(APIGatewayProxyRequestEvent event, Set<Integer> expected) {
    }
}
