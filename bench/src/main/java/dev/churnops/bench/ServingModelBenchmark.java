package dev.churnops.bench;

import dev.churnops.core.registry.ModelCard;
import dev.churnops.core.scoring.CustomerScore;
import dev.churnops.core.scoring.ServingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring one customer with a registered model, as every scoring path does: input validation,
 * encoding, prediction, segment and reasons. The model is a registered {@code model.tar.gz} named
 * by the system property {@code churnops.model} (scripts/bench-score.sh trains one first).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ServingModelBenchmark {

    private ServingModel model;
    private List<Map<String, Object>> customers;
    private int next;

    @Setup
    public void load() throws IOException {
        Path artifact = Path.of(System.getProperty("churnops.model", "model.tar.gz"));
        model = ServingModel.load(Files.readAllBytes(artifact), artifact.toString());
        customers = generate(model.card().inputSignature(), 1024, 7);
    }

    /** Plausible customers drawn from the signature: numbers in a small range, known categories. */
    static List<Map<String, Object>> generate(List<ModelCard.InputColumn> signature, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> c = new HashMap<>();
            for (ModelCard.InputColumn col : signature) {
                switch (col.type()) {
                    case NUMERIC -> c.put(col.name(), random.nextDouble() * 100);
                    case BOOLEAN -> c.put(col.name(), random.nextBoolean());
                    case CATEGORICAL -> c.put(col.name(), col.categories().get(random.nextInt(col.categories().size())));
                    default -> throw new IllegalStateException();
                }
            }
            list.add(c);
        }
        return list;
    }

    @Benchmark
    public CustomerScore validateAndScoreOne() {
        Map<String, Object> c = customers.get(next++ & 1023);
        if (!model.validator().check(c, "features").isEmpty()) {
            throw new IllegalStateException("generated customer fails validation");
        }
        return model.score("c", c);
    }

}
