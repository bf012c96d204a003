package dev.churnops.handlers;

import dev.churnops.core.batch.ScorePartition;
import dev.churnops.core.batch.SummarizeScores;
import java.util.List;

/**
 * Step {@code SummarizeScores}: checks rows in = scored + rejected over the partitions the Map
 * state returned, writes {@code high-risk.csv} and {@code _SUMMARY.json}, and returns what the
 * high-risk notification may carry: counts, keys, and at most 50 ids with their scores.
 */
public final class SummarizeScoresHandler extends JsonHandler<SummarizeScoresHandler.Event, SummarizeScores.Result> {

    public record Event(String executionId, String date, String modelName, Integer modelVersion, String validatedKey,
                        String dataFingerprint, Integer rows, List<ScorePartition.Result> partitions) {
    }

    public SummarizeScoresHandler() {
        this(Services.fromEnvironment());
    }

    public SummarizeScoresHandler(Services services) {
        super(Event.class, services);
    }

    @Override
    protected SummarizeScores.Result handle(Event event) {
        return new SummarizeScores(services.blobs()).run(new SummarizeScores.Command(
                required(event.executionId(), "executionId"), EventDates.parse(event.date(), "date"),
                required(event.modelName(), "modelName"), required(event.modelVersion(), "modelVersion"),
                event.validatedKey(), event.dataFingerprint(), services.settings().codeVersion(),
                required(event.rows(), "rows"), required(event.partitions(), "partitions")));
    }
}
