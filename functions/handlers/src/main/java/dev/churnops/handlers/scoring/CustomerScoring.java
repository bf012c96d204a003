package dev.churnops.handlers.scoring;

import dev.churnops.core.port.FeatureLookup;
import dev.churnops.core.port.OnlineFeatureStore;
import dev.churnops.core.port.ScoreCapture;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What both scoring routes do once the request is checked: take each customer's features (inline
 * ones as given, else the stored ones from the feature store), score every customer with the
 * served model and hand each score to the capture. Unknown customers are all reported before
 * anything is scored. The customers of a request given by id only are asked for together: from an
 * {@link OnlineFeatureStore} in one {@link OnlineFeatureStore#getAll} (on AWS, BatchGetRecord),
 * from any other lookup one by one; either way the answer is the same.
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
        Map<String, Map<String, Object>> stored = storedOf(customers);
        List<Map<String, Object>> resolved = new ArrayList<>(customers.size());
        List<FieldError> unknown = null;
        for (int i = 0; i < customers.size(); i++) {
            ScoreRequest.Customer c = customers.get(i);
            Map<String, Object> f = c.features() != null ? c.features() : inputs(served, stored.get(c.customerId()));
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
     * The stored features of every customer given without inline ones, each id asked once; a
     * customer the store does not know is absent from the map.
     */
    private Map<String, Map<String, Object>> storedOf(List<ScoreRequest.Customer> customers) {
        Set<String> ids = null;
        for (ScoreRequest.Customer c : customers) {
            if (c.features() == null) {
                ids = ids == null ? new LinkedHashSet<>() : ids;
                ids.add(c.customerId());
            }
        }
        if (ids == null) {
            return Map.of();
        }
        if (features instanceof OnlineFeatureStore store) {
            return store.getAll(List.copyOf(ids));
        }
        Map<String, Map<String, Object>> found = new LinkedHashMap<>(ids.size() * 2);
        for (String id : ids) {
            features.latest(id).ifPresent(f -> found.put(id, f));
        }
        return found;
    }

    /**
     * Scores one customer from the store; {@code field} names the id in the 404.
     *
     * @throws ApiError 404 when the store does not know the customer
     */
    CustomerScore scoreStored(ServedModel served, String customerId, String field) {
        Map<String, Object> f = inputs(served, features.latest(customerId).orElse(null));
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
     * A customer's stored features narrowed to the model's input columns (the store holds more),
     * or null when the store does not know the customer ({@code all} is null). They come from our
     * own pipeline, so values the model cannot take are an internal failure, reported by column
     * name only.
     */
    private static Map<String, Object> inputs(ServedModel served, Map<String, Object> all) {
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
