package dev.churnops.handlers;

import dev.churnops.core.evaluation.BusinessAssumptions;
import dev.churnops.core.evaluation.ThresholdObjective;
import dev.churnops.core.pipeline.EvaluateCandidate;

/**
 * Step {@code EvaluateModel}: test metrics at a threshold chosen on validation data, business
 * impact, and the champion's ROC-AUC on the same test set for the gate.
 */
public final class EvaluateModelHandler extends JsonHandler<EvaluateModelHandler.Event, EvaluateCandidate.Result> {

    /** {@code objective} defaults to {@code max-f1}; {@code business} fields default as in BusinessAssumptions. */
    public record Event(String executionId, String modelName, String modelArtifactKey, String trainingSetPrefix, String objective,
                        Business business) {
    }

    /** Business assumptions; each null field keeps its default. */
    public record Business(Double baseChurnRate, Double offerSuccessRate, Double offerCostPerCustomer,
                           Double retainedCustomerValue, Long customerBase) {

        BusinessAssumptions toAssumptions() {
            BusinessAssumptions.Builder b = BusinessAssumptions.builder();
            if (baseChurnRate != null) {
                b.baseChurnRate(baseChurnRate);
            }
            if (offerSuccessRate != null) {
                b.offerSuccessRate(offerSuccessRate);
            }
            if (offerCostPerCustomer != null) {
                b.offerCostPerCustomer(offerCostPerCustomer);
            }
            if (retainedCustomerValue != null) {
                b.retainedCustomerValue(retainedCustomerValue);
            }
            if (customerBase != null) {
                b.customerBase(customerBase);
            }
            return b.build();
        }
    }

    public EvaluateModelHandler() {
        this(Services.fromEnvironment());
    }

    public EvaluateModelHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected EvaluateCandidate.Result handle(Event event) {
        ThresholdObjective objective = ThresholdObjective.parse(event.objective() == null ? "max-f1" : event.objective());
        BusinessAssumptions assumptions = event.business() == null ? BusinessAssumptions.defaults()
                : event.business().toAssumptions();
        return new EvaluateCandidate(services.blobs(), services.registry()).run(new EvaluateCandidate.Command(
                required(event.executionId(), "executionId"), services.settings().modelName(event.modelName()),
                required(event.modelArtifactKey(), "modelArtifactKey"),
                required(event.trainingSetPrefix(), "trainingSetPrefix"), objective, assumptions));
    }
}
