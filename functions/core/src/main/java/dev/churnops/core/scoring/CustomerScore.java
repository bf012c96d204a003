package dev.churnops.core.scoring;

import java.util.List;

/**
 * A scored customer: churn probability, risk segment, the model version that scored it, and the
 * top reasons pushing the score up (empty when the model offers none yet).
 */
public record CustomerScore(String customerId, double probability, String segment, String modelName, int modelVersion,
                            List<Reason> reasons) {

    public CustomerScore {
        reasons = List.copyOf(reasons);
    }
}
