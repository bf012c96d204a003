package dev.churnops.handlers.scoring;

import dev.churnops.core.scoring.FieldError;
import dev.churnops.core.scoring.InputValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checked body of {@code POST /v1/scores}: 1 to {@code maxCustomers} customers, each with a
 * customer id, inline features, or both. Inline features are scored as given (a column left out
 * is imputed, as in training); a customer with only an id is looked up in the feature store
 * later. Every offending field is reported, each named by its JSON path
 * ({@code customers[2].features.tenure_months}); nothing is scored unless all are valid.
 */
record ScoreRequest(List<Customer> customers) {

    /** Longest accepted customer id, in characters. */
    static final int MAX_ID_LENGTH = 128;

    /** One customer of the request; {@code features} is null when they are to be looked up. */
    record Customer(String customerId, Map<String, Object> features) {
    }

    /**
     * Checks a parsed body against the envelope rules and each inline feature map against the
     * model's {@code validator}.
     *
     * @throws ApiError 400 listing every offending field
     */
    static ScoreRequest of(Object body, int maxCustomers, InputValidator validator) {
        List<FieldError> errors = new ArrayList<>(0);
        if (!(body instanceof Map<?, ?> root)) {
            throw ApiError.invalidRequest("body", "expected a JSON object with a 'customers' array, got "
                    + ScoringJson.kind(body));
        }
        for (Object key : root.keySet()) {
            if (!"customers".equals(key)) {
                errors.add(new FieldError((String) key, "is not a field of a score request: the only field is 'customers'"));
            }
        }
        Object list = root.get("customers");
        if (!(list instanceof List<?> items)) {
            errors.add(new FieldError("customers", list == null && !root.containsKey("customers")
                    ? "is required: an array of 1 to " + maxCustomers + " customers"
                    : "expected an array of 1 to " + maxCustomers + " customers, got " + ScoringJson.kind(list)));
            throw ApiError.invalidRequest(errors);
        }
        if (items.isEmpty()) {
            errors.add(new FieldError("customers", "is empty: send 1 to " + maxCustomers + " customers"));
            throw ApiError.invalidRequest(errors);
        }
        if (items.size() > maxCustomers) {
            errors.add(new FieldError("customers", "has " + items.size() + " customers: at most " + maxCustomers
                    + " per request"));
            throw ApiError.invalidRequest(errors);
        }
        List<Customer> customers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Customer c = customer(items.get(i), i, validator, errors);
            if (c != null) {
                customers.add(c);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.invalidRequest(errors);
        }
        return new ScoreRequest(customers);
    }

    /** The customer at {@code index}, or null with its errors added. */
    @SuppressWarnings("unchecked")
    private static Customer customer(Object item, int index, InputValidator validator, List<FieldError> errors) {
        if (!(item instanceof Map<?, ?> map)) {
            errors.add(new FieldError(path(index), "expected an object with a customerId, features, or both, got "
                    + ScoringJson.kind(item)));
            return null;
        }
        int before = errors.size();
        for (Object key : map.keySet()) {
            if (!"customerId".equals(key) && !"features".equals(key)) {
                errors.add(new FieldError(path(index) + "." + key,
                        "is not a field of a customer: the fields are 'customerId' and 'features'"));
            }
        }
        Object id = map.get("customerId");
        Object features = map.get("features");
        if (id == null && features == null) {
            errors.add(new FieldError(path(index), "needs a customerId, features, or both"));
            return null;
        }
        String customerId = null;
        if (id != null) {
            // The field is named only for an error: this runs for every customer of every request.
            String problem = customerIdProblem(id);
            if (problem == null) {
                customerId = (String) id;
            } else {
                errors.add(new FieldError(path(index) + ".customerId", problem));
            }
        }
        Map<String, Object> inline = null;
        if (features != null) {
            if (features instanceof Map<?, ?> f) {
                inline = (Map<String, Object>) f;
                // Validated with an empty prefix so the common, valid case builds no path strings.
                for (FieldError e : validator.check(inline, "")) {
                    errors.add(new FieldError(path(index) + ".features" + e.field(), e.message()));
                }
            } else {
                errors.add(new FieldError(path(index) + ".features", "expected an object of column values, got "
                        + ScoringJson.kind(features)));
            }
        }
        return errors.size() == before ? new Customer(customerId, inline) : null;
    }

    /**
     * A customer id as given, or null with an error added: a non-blank string of at most
     * {@value #MAX_ID_LENGTH} characters.
     */
    static String customerId(Object id, String field, List<FieldError> errors) {
        String problem = customerIdProblem(id);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
            return null;
        }
        return (String) id;
    }

    /** What is wrong with a customer id, or null when it is one (see {@link #customerId}). */
    private static String customerIdProblem(Object id) {
        if (!(id instanceof String s)) {
            return "expected a string, got " + ScoringJson.kind(id);
        }
        if (s.isBlank()) {
            return "is blank: expected a customer id";
        }
        if (s.length() > MAX_ID_LENGTH) {
            return "has " + s.length() + " characters: at most " + MAX_ID_LENGTH;
        }
        return null;
    }

    private static String path(int index) {
        return "customers[" + index + "]";
    }
}
