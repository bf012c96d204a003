package dev.churnops.cdk.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.churnops.cdk.SynthesizedStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnWaitConditionHandle;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;

/** The training image's asset holds what the Dockerfile copies and nothing else. */
class TrainingImageTest {

    @Test
    void stagesOnlyTheDockerfileAndTheTrainingJar() throws IOException {
        Path dir = SynthesizedStage.tempDir("training-image");
        Path training = dir.resolve("training");
        for (String file : List.of("Dockerfile", "pom.xml", "src/main/java/Entry.java", "target/churnops-training.jar",
                "target/original-churnops-training.jar", "target/classes/Entry.class", "target-cdk/churnops-training.jar")) {
            Path p = training.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, file);
        }
        Path out = dir.resolve("cdk.out");
        App app = App.Builder.create().outdir(out.toString()).context(Map.of()).build();
        Stack stack = new Stack(app, "Image");
        // A template needs a resource; the asset alone adds none.
        new CfnWaitConditionHandle(stack, "Placeholder");
        DockerImageAsset asset = DockerImageAsset.Builder.create(stack, "Image").directory(training.toString())
                .exclude(Training.IMAGE_EXCLUDES).build();
        app.synth();

        Path staged = out.resolve("asset." + asset.getAssetHash());
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(staged)) {
            walk.filter(Files::isRegularFile).forEach(f -> files.add(staged.relativize(f).toString()));
        }
        assertEquals(new TreeSet<>(List.of("Dockerfile", "target/churnops-training.jar")), files);
    }
}
