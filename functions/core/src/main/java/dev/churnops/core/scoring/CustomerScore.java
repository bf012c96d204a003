package dev.churnops.core.scoring;

import java.util.List;

/**
 * A scored customer: churn probability, risk segment, the model version that scored it, and the
 * top reasons pushing the score up (empty when none does, or for a tree model whose file predates
 * node covers).
 */
public record CustomerScore(String customerId, double probability, String segment, String modelName, int modelVersion,
                            List<Reason> reasons) {

    public CustomerScore {
        reasons = List.copyOf(reasons);
    }
}
