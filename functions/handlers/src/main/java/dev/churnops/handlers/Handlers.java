package dev.churnops.handlers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The step functions by name, as the state machines' definition substitutions name them
 * ({@code ${ValidateDataFunction}} and so on), each with the handler that implements it.
 */
public final class Handlers {

    private Handlers() {
    }

    /** Substitution name → handler constructor. */
    public static Map<String, Function<Services, JsonHandler<?, ?>>> all() {
        Map<String, Function<Services, JsonHandler<?, ?>>> m = new LinkedHashMap<>();
        m.put("ValidateDataFunction", ValidateDataHandler::new);
        m.put("UpdateFeaturesFunction", UpdateFeaturesHandler::new);
        m.put("PublishDataQualityFunction", PublishDataQualityHandler::new);
        m.put("MaterializeFeaturesFunction", MaterializeFeaturesHandler::new);
        m.put("BuildTrainingSetFunction", BuildTrainingSetHandler::new);
        m.put("LaunchTrainingFunction", LaunchTrainingHandler::new);
        m.put("DescribeTrainingFunction", DescribeTrainingHandler::new);
        m.put("EvaluateModelFunction", EvaluateModelHandler::new);
        m.put("RegisterModelFunction", RegisterModelHandler::new);
        m.put("PublishReportFunction", PublishReportHandler::new);
        m.put("RecordRunFunction", RecordRunHandler::new);
        m.put("ListScoringPartitionsFunction", ListScoringPartitionsHandler::new);
        m.put("ScorePartitionFunction", ScorePartitionHandler::new);
        m.put("SummarizeScoresFunction", SummarizeScoresHandler::new);
        m.put("PrepareMonitoringFunction", PrepareMonitoringHandler::new);
        m.put("CheckDriftFunction", CheckDriftHandler::new);
        m.put("CheckPerformanceFunction", CheckPerformanceHandler::new);
        m.put("CheckBusinessFunction", CheckBusinessHandler::new);
        m.put("CheckAnomaliesFunction", CheckAnomaliesHandler::new);
        m.put("DecideMonitoringFunction", DecideMonitoringHandler::new);
        m.put("CommitMonitoringFunction", CommitMonitoringHandler::new);
        return m;
    }
}
