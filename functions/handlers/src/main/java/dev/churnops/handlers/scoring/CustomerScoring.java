package dev.churnops.handlers.scoring;

import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both scoring routes do once the request is checked: take each customer's features (inline
 * ones as given, else the stored ones from the feature store), score every customer with the
 * served model and hand each score to the capture. Unknown customers are all reported before
 * anything is scored.
 */
final class CustomerScoring {

    private final FeatureLookup features;
    private final ScoreCapture capture;

    CustomerScoring(FeatureLookup features, ScoreCapture capture) {
        this.features = features;
        this.capture = capture;
    }

    /**
     * Scores the customers of a checked request, in order.
     *
     * @throws ApiError 404 listing every customer given by id that the store does not know
     */
    List<CustomerScore> score(ServedModel served, List<ScoreRequest.Customer> customers) {
        List<Map<String, Object>> resolved = new ArrayList<>(customers.size());
        List<FieldError> unknown = null;
        for (int i = 0; i < customers.size(); i++) {
            ScoreRequest.Customer c = customers.get(i);
            Map<String, Object> f = c.features() != null ? c.features() : stored(served, c.customerId());
            if (f == null) {
                unknown = unknown == null ? new ArrayList<>() : unknown;
                unknown.add(new FieldError("customers[" + i + "].customerId", unknown(c.customerId())));
            }
            resolved.add(f);
        }
        if (unknown != null) {
            throw ApiError.unknownCustomers(unknown);
        }
        List<CustomerScore> scores = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            scores.add(score(served, customers.get(i).customerId(), resolved.get(i)));
        }
        return scores;
    }

    /**
     * Scores one customer from the store; {@code field} names the id in the 404.
     *
     * @throws ApiError 404 when the store does not know the customer
     */
    CustomerScore scoreStored(ServedModel served, String customerId, String field) {
        Map<String, Object> f = stored(served, customerId);
        if (f == null) {
            throw ApiError.unknownCustomers(List.of(new FieldError(field, unknown(customerId))));
        }
        return score(served, customerId, f);
    }

    private CustomerScore score(ServedModel served, String customerId, Map<String, Object> features) {
        CustomerScore score = served.model.score(customerId, features);
        capture.capture(features, score);
        return score;
    }

    private static String unknown(String customerId) {
        return "no customer '" + customerId + "' is known to the feature store";
    }

    /**
     * The stored features of a customer narrowed to the model's input columns (the store holds
     * more), or null when the store does not know the customer. They come from our own pipeline,
     * so values the model cannot take are an internal failure, reported by column name only.
     */
    private Map<String, Object> stored(ServedModel served, String customerId) {
        Map<String, Object> all = features.latest(customerId).orElse(null);
        if (all == null) {
            return null;
        }
        Map<String, Object> inputs = new LinkedHashMap<>(served.columns.length * 2);
        for (String column : served.columns) {
            inputs.put(column, all.get(column));
        }
        List<FieldError> errors = served.model.validator().check(inputs, "");
        if (!errors.isEmpty()) {
            List<String> columns = new ArrayList<>();
            // Fields are ".<column>" with the empty prefix; the messages hold values and stay out.
            errors.forEach(e -> columns.add(e.field().substring(1)));
            throw new IllegalStateException("the feature store holds values of columns " + columns + " that model '"
                    + served.model.modelName() + "' version " + served.model.version() + " cannot take");
        }
        return inputs;
    }
}
