package dev.churnops.handlers.scoring;

import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.scoring.ServingModel;
import java.util.List;

/**
 * A served model with what is computed once per model rather than per request: the bodies of
 * {@code GET /health} and {@code GET /v1/model}, and the names of its input columns.
 */
final class ServedModel {

    final ServingModel model;
    final String health;
    final String card;
    final String[] columns;

    ServedModel(ServingModel model) {
        this.model = model;
        this.health = Responses.health(model);
        this.card = Responses.modelCard(model);
        List<ModelCard.InputColumn> signature = model.card().inputSignature();
        this.columns = new String[signature.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = signature.get(i).name();
        }
    }
}
