package dev.churnops.local.serve;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.scoring.CustomerScore;
import java.util.Map;
import java.util.Objects;

/**
 * The request handler in front of two scoring handlers, the stable model's and the canary's: while
 * the {@link ChampionWatcher} has a {@link Canary} on trial, each scoring request is routed by
 * {@link Canary#takes} and timed into the canary's figures; the model card and health routes always
 * answer from the stable model. Without a canary every request goes straight to the stable handler.
 * The request path adds no lock: one volatile read, and during a canary a counter and a histogram
 * increment.
 *
 * <p>A canary request that fails (a 5xx, or a handler that throws) is counted against the canary and
 * answered again by the stable handler, so a client never sees the canary's failure: the alarm it
 * feeds rolls the canary back, as the Lambda alias's weighted routing cannot (there, the failed
 * invocation is what the client gets).
 */
final class CanaryRouter implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ChampionWatcher watcher;
    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> stable;
    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> canary;

    /**
     * @param stable answers from {@link ChampionWatcher#get()}
     * @param canary answers from {@link ChampionWatcher#canaryOrStable()}
     */
    CanaryRouter(ChampionWatcher watcher, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> stable,
                 RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> canary) {
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        this.stable = Objects.requireNonNull(stable, "stable");
        this.canary = Objects.requireNonNull(canary, "canary");
    }

    /**
     * The capture both handlers write to: a score of the canary's version is counted into its score
     * distribution, and every score is then handed to {@code next}.
     */
    static ScoreCapture counting(ChampionWatcher watcher, ScoreCapture next) {
        return (features, score) -> {
            countScore(watcher.canary(), score);
            next.capture(features, score);
        };
    }

    private static void countScore(Canary trial, CustomerScore score) {
        if (trial != null && score.modelVersion() == trial.version()) {
            trial.scored(score.probability());
        }
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Canary trial = watcher.canary();
        if (trial == null) {
            return stable.handleRequest(event, context);
        }
        String resource = event.getResource();
        String customerId;
        if (ProxyEvents.CUSTOMER_SCORE.equals(resource)) {
            Map<String, String> parameters = event.getPathParameters();
            customerId = parameters == null ? null : parameters.get("id");
        } else if (ProxyEvents.SCORES.equals(resource)) {
            customerId = null;
        } else {
            return stable.handleRequest(event, context);
        }
        long started = System.nanoTime();
        if (!trial.takes(customerId)) {
            APIGatewayProxyResponseEvent response = stable.handleRequest(event, context);
            trial.stableAnswered(System.nanoTime() - started);
            return response;
        }
        APIGatewayProxyResponseEvent response;
        boolean failed;
        try {
            response = canary.handleRequest(event, context);
            failed = response == null || response.getStatusCode() == null || response.getStatusCode() >= 500;
        } catch (RuntimeException e) {
            // Counted against the canary (its rollback reason says so); the client gets the stable answer.
            response = null;
            failed = true;
        }
        trial.canaryAnswered(System.nanoTime() - started, failed);
        return failed ? stable.handleRequest(event, context) : response;
    }
}
