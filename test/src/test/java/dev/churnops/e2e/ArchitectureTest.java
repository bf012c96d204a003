package dev.churnops.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: core knows none of its adapters, and no file system or AWS SDK. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.churnops");
    }

    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.churnops.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.churnops.handlers..", "dev.churnops.local..",
                        "dev.churnops.training..", "dev.churnops.aws..")
                .check(classes);
    }

    @Test
    void coreUsesNoFileSystemNoAwsSdkAndNoLambdaRuntime() {
        noClasses().that().resideInAPackage("dev.churnops.core..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "software.amazon..",
                        "com.amazonaws..", "java.net.http..")
                .check(classes);
    }

    @Test
    void handlersDoNotKnowTheLocalRuntime() {
        noClasses().that().resideInAPackage("dev.churnops.handlers..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.churnops.local..", "dev.churnops.training..")
                .check(classes);
    }

    @Test
    void handlersFindTheAwsAdaptersOnlyThroughTheServiceLoader() {
        noClasses().that().resideInAPackage("dev.churnops.handlers..")
                .should().dependOnClassesThat().resideInAPackage("dev.churnops.aws..")
                .check(classes);
    }

    @Test
    void awsAdaptersKnowNeitherTheLocalRuntimeNorTheTrainingEntrypoint() {
        noClasses().that().resideInAPackage("dev.churnops.aws..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.churnops.local..", "dev.churnops.training..")
                .check(classes);
    }

    @Test
    void trainingEntrypointDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.churnops.training..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.churnops.local..", "dev.churnops.handlers..")
                .check(classes);
    }

    @Test
    void onlyTheCliAndRuntimeUseTheInterpreter() {
        noClasses().that().resideOutsideOfPackages("dev.churnops.local..", "dev.churnops.e2e..")
                .should().dependOnClassesThat().resideInAPackage("dev.churnops.local.asl..")
                .check(classes);
    }
}
