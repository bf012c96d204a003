package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.json.Json;
import java.util.List;

/**
 * {@code violations.json} in the layout of Model Monitor's {@code constraint_violations.json}
 * ("Schema for Violations", SageMaker developer guide): a list of violations, each naming the
 * feature, the check that failed and a sentence saying why.
 */
public record ConstraintViolations(@JsonProperty("violations") List<Violation> violations) {

    public ConstraintViolations {
        violations = List.copyOf(violations);
    }

    /** One failed check on one feature. */
    public record Violation(@JsonProperty("feature_name") String featureName,
                            @JsonProperty("constraint_check_type") CheckType constraintCheckType,
                            @JsonProperty("description") String description) {
    }

    /** The document's bytes: key-sorted, the same for the same report. */
    public byte[] toJson() {
        return Json.write(this);
    }

    /** Reads a violations document. */
    public static ConstraintViolations read(byte[] json) {
        return Json.read(json, ConstraintViolations.class, "violations.json");
    }
}
