package dev.churnops.handlers.scoring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.churnops.core.monitoring.ScoreDistribution;
import dev.churnops.core.pipeline.ModelArtifact;
import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.port.ModelRegistry;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.registry.ModelVersion;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.FieldError;
import dev.churnops.core.scoring.ServingModel;
import dev.churnops.handlers.Services;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Core;

/**
 * The scoring API behind API Gateway (REST API, Lambda proxy integration): {@code POST /v1/scores}
 * scores 1 to 1,000 customers given inline or by id, {@code GET /v1/customers/{id}/score} one
 * customer from the feature store, {@code GET /v1/model} the model card with the JSON Schema of
 * the input, and {@code GET /health} needs no key. {@code api/openapi.json} documents every route
 * and status. Every refusal has one shape, {@code {"error": {status, code, message, errors:
 * [{field, message}], requestId}}}, and bad input never gets a 5xx. The handler logs nothing per
 * request, so no request body, customer id or feature value reaches the logs; the one exception is
 * a genuine internal failure (500), whose stack trace is logged under the request id so it is not
 * hidden. Thread-safe: the local server calls one instance from many threads.
 */
public final class ScoringHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String API_KEY_HEADER = "x-api-key";
    /** How long the shutdown hook writes held capture lines: Lambda gives the runtime about 300 ms. */
    static final Duration SHUTDOWN_WRITE = Duration.ofMillis(250);

    private final ScoringSettings settings;
    private final Supplier<ServingModel> model;
    private final CustomerScoring scoring;
    private final ApiKeys keys;
    private final RequestIds requestIds = new RequestIds();
    private final SnapStartPriming priming = new SnapStartPriming(this);
    /** The capture when it is the scoring function's, whose SnapStart and shutdown hooks the handler calls; else null. */
    private final BlobScoreCapture blobCapture;
    /** The model of the latest request with its per-model parts; replaced when the supplier's model changes. */
    private volatile ServedModel served;
    /** The scoring function's running score PSI of its champion; null when not published (local server, tests). */
    private final ScorePsiMetric scorePsi;

    /**
     * The Lambda entry point: settings from the environment ({@link ScoringSettings#from},
     * {@link CaptureSettings#from}), adapters from {@link Services#fromEnvironment()}, and the
     * champion of the configured model loaded once, here, so a missing or broken model fails the
     * cold start instead of a request. Customers given by id are looked up in the online feature
     * store when {@code CHURNOPS_FEATURE_GROUP} names one, and scores are captured to the blob store
     * unless {@code CHURNOPS_CAPTURE_RATE} is 0. When the champion's artifact keeps its training
     * scores, the running PSI of the scores served against them is published as {@code ScorePsi}
     * ({@link ScorePsiMetric}) for the canary's alarm. Registers the SnapStart hooks
     * ({@link SnapStartPriming}) and a shutdown hook that writes the captured lines still held.
     */
    public ScoringHandler() {
        this(ScoringSettings.from(System.getenv()), CaptureSettings.from(System.getenv()),
                featureGroupConfigured(System.getenv()), Services.fromEnvironment());
        Core.getGlobalContext().register(priming);
        if (blobCapture != null) {
            BlobScoreCapture capture = blobCapture;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> capture.close(SHUTDOWN_WRITE), "churnops-capture-flush"));
        }
    }

    /**
     * Serves the champion of {@code settings.modelName()} from {@code services.registry()}, with
     * no feature lookup (customers given by id are unknown) and no capture.
     */
    ScoringHandler(ScoringSettings settings, Services services) {
        this(settings, CaptureSettings.OFF, false, services);
    }

    /**
     * Serves the champion of {@code settings.modelName()} from {@code services.registry()}.
     *
     * @param capture how scores are captured to {@code services.blobs()}; off when its rate is 0
     * @param onlineStore whether customers given by id are looked up in {@code services.features().online()},
     *     which is built on the first lookup
     */
    ScoringHandler(ScoringSettings settings, CaptureSettings capture, boolean onlineStore, Services services) {
        this(settings, capture, onlineStore, services, Champion.load(services.registry(), settings.modelName()));
    }

    /**
     * Serves {@code champion}, and publishes its running score PSI ({@link ScorePsiMetric}) to
     * {@code services.metrics()} when its artifact keeps its training score distribution.
     */
    private ScoringHandler(ScoringSettings settings, CaptureSettings capture, boolean onlineStore, Services services,
                           Champion champion) {
        this(settings, constant(champion.model()),
                onlineStore ? new LazyOnlineStore(services.features()::online) : FeatureLookup.NONE,
                capture.enabled() ? new BlobScoreCapture(services.blobs(), settings.modelName(), capture,
                        services.clock(), services.metrics(), System.err) : ScoreCapture.NONE,
                champion.scores().map(d -> new ScorePsiMetric(services.metrics(), services.clock(),
                        champion.model().modelName(), champion.model().version(), d, ScorePsiMetric.DEFAULT_MIN_SCORES,
                        ScorePsiMetric.DEFAULT_INTERVAL)).orElse(null));
    }

    /**
     * For the local server and tests.
     *
     * @param model asked once per request, so a server can swap the model between requests
     * @param features resolves customers given by id
     * @param capture receives every scored customer with its features
     */
    public ScoringHandler(ScoringSettings settings, Supplier<ServingModel> model, FeatureLookup features,
                          ScoreCapture capture) {
        this(settings, model, features, capture, null);
    }

    /** As the public constructor, with {@code scorePsi} (null for none) counting every answered score. */
    ScoringHandler(ScoringSettings settings, Supplier<ServingModel> model, FeatureLookup features, ScoreCapture capture,
                   ScorePsiMetric scorePsi) {
        this.scorePsi = scorePsi;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = Objects.requireNonNull(model, "model");
        this.scoring = new CustomerScoring(Objects.requireNonNull(features, "features"),
                Objects.requireNonNull(capture, "capture"));
        this.keys = new ApiKeys(settings.apiKeys(), settings.keyCheck());
        this.blobCapture = capture instanceof BlobScoreCapture b ? b : null;
    }

    /** Whether the environment names the online store's feature group, {@code CHURNOPS_FEATURE_GROUP}. */
    static boolean featureGroupConfigured(Map<String, String> env) {
        String group = env.get("CHURNOPS_FEATURE_GROUP");
        return group != null && !group.isBlank();
    }

    /** Loads the version the {@code champion} alias of {@code modelName} points at. */
    static ServingModel champion(ModelRegistry registry, String modelName) {
        return Champion.load(registry, modelName).model();
    }

    /**
     * The champion with its training score distribution, read from one download of its artifact;
     * {@code scores} is empty when the artifact keeps no training scores.
     */
    record Champion(ServingModel model, Optional<ScoreDistribution> scores) {

        static Champion load(ModelRegistry registry, String modelName) {
            ModelVersion champion = registry.alias(modelName, ModelRegistry.CHAMPION).orElseThrow(() ->
                    new IllegalStateException("model '" + modelName + "' has no champion in the registry: train and "
                            + "approve a version before deploying the scoring API, or set CHURNOPS_MODEL_NAME"));
            byte[] artifact = registry.artifact(modelName, champion.version());
            String source = "model '" + modelName + "' version " + champion.version();
            return new Champion(ServingModel.load(artifact, source),
                    ScoreDistribution.of(ModelArtifact.read(artifact, source).monitoring()));
        }
    }

    private static Supplier<ServingModel> constant(ServingModel model) {
        return () -> model;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return handle(event, context, false);
    }

    /** Answers {@code event}; {@code trusted} skips the API key check, for SnapStart priming only. */
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context, boolean trusted) {
        String requestId = requestId(event);
        try {
            return route(event, context, requestId, trusted);
        } catch (ApiError e) {
            return Responses.error(e, requestId);
        } catch (RuntimeException e) {
            // Not hidden: logged with its stack trace; the caller learns only that it happened.
            logInternalFailure(context, requestId, e);
            return Responses.error(ApiError.internal(), requestId);
        }
    }

    private APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event, Context context, String requestId,
                                               boolean trusted) {
        Route route = Route.of(event.getResource(), event.getPath());
        if (route == null) {
            throw ApiError.routeNotFound();
        }
        if (!route.method.equals(event.getHttpMethod())) {
            throw ApiError.methodNotAllowed(route.method);
        }
        if (route.keyRequired && !trusted) {
            keys.check(event);
        }
        switch (route) {
            case SCORES:
                return Responses.of(200, scores(event, context, trusted), requestId);
            case CUSTOMER_SCORE:
                return Responses.of(200, customerScore(event, context, trusted), requestId);
            case MODEL:
                return Responses.of(200, served().card, requestId);
            case HEALTH:
                return Responses.of(200, served().health, requestId);
            default:
                throw new IllegalStateException("route " + route + " has no handling");
        }
    }

    private String scores(APIGatewayProxyRequestEvent event, Context context, boolean trusted) {
        if (!HttpRequests.isJson(HttpRequests.header(event, "content-type"))) {
            throw ApiError.unsupportedMediaType();
        }
        Object body = HttpRequests.jsonBody(event, settings.maxBodyBytes());
        ServedModel served = served();
        ScoreRequest request = ScoreRequest.of(body, settings.maxCustomers(), served.model.validator());
        List<CustomerScore> scores = scoring.score(served, request.customers());
        // SnapStart priming's made-up customer is not a score the model served.
        if (scorePsi != null && !trusted) {
            scorePsi.scored(scores, context);
        }
        return Responses.scores(served.model, scores);
    }

    private String customerScore(APIGatewayProxyRequestEvent event, Context context, boolean trusted) {
        Map<String, String> parameters = event.getPathParameters();
        Object id = parameters != null && parameters.get("id") != null ? parameters.get("id")
                : Route.customerIdIn(event.getPath());
        List<FieldError> errors = new ArrayList<>(0);
        String customerId = ScoreRequest.customerId(id, "id", errors);
        if (customerId == null) {
            throw ApiError.invalidRequest(errors);
        }
        ServedModel served = served();
        CustomerScore score = scoring.scoreStored(served, customerId, "id");
        if (scorePsi != null && !trusted) {
            scorePsi.scored(score, context);
        }
        return Responses.score(served.model, score);
    }

    /** The model to serve this request, read once from the supplier, with its per-model parts. */
    private ServedModel served() {
        ServingModel current = model.get();
        ServedModel s = served;
        if (s == null || s.model != current) {
            s = new ServedModel(current);
            served = s;
        }
        return s;
    }

    private String requestId(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        String id = context == null ? null : context.getRequestId();
        return id == null || id.isEmpty() ? requestIds.next() : id;
    }

    private static void logInternalFailure(Context context, String requestId, RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String line = "scoring request " + requestId + " failed with an internal error: " + trace;
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line);
        } else {
            System.err.println(line);
        }
    }

    /** The served model, read as the next request would read it. */
    ServingModel model() {
        return model.get();
    }

    RequestIds requestIds() {
        return requestIds;
    }

    /** The scoring function's capture, or null when the capture is another (the local server's, a test's). */
    BlobScoreCapture blobCapture() {
        return blobCapture;
    }

    /** The SnapStart hooks; registered with CRaC by the Lambda constructor only. */
    SnapStartPriming snapStart() {
        return priming;
    }
}
