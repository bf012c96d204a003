package dev.churnops.cdk.constructs;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The Lambda functions of the workflows, one per {@link Step}, all from the one deployment jar
 * holding every step handler. Each gets the lake access its step declares and the shared
 * environment; constructs that own other resources (training, the registry) add their variables
 * with {@link #addEnvironment} and grant the functions that use them.
 */
public final class WorkflowFunctions extends Construct {

    /**
     * @param namePrefix function names are {@code <namePrefix>-<Step>}, such as churnops-dev-ValidateData
     * @param code the jar with every step handler (churnops-functions.jar)
     * @param memoryMb memory of each function
     * @param timeout timeout of each function
     * @param environment the variables every function reads
     * @param lake the data lake, on which each step is granted its prefixes
     * @param logRetention how long the functions' logs are kept
     * @param removalPolicy what deleting the stack does to their log groups
     */
    public record Props(String namePrefix, Code code, int memoryMb, Duration timeout, Map<String, String> environment,
                        DataLake lake, RetentionDays logRetention, RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(namePrefix, "WorkflowFunctions.Props.namePrefix");
            Objects.requireNonNull(code, "WorkflowFunctions.Props.code");
            Objects.requireNonNull(timeout, "WorkflowFunctions.Props.timeout");
            environment = Map.copyOf(environment);
            Objects.requireNonNull(lake, "WorkflowFunctions.Props.lake");
            Objects.requireNonNull(logRetention, "WorkflowFunctions.Props.logRetention");
            Objects.requireNonNull(removalPolicy, "WorkflowFunctions.Props.removalPolicy");
        }

        /** Defaults: prefix churnops, 1024 MB, 5 minutes, no extra environment, logs kept a month and retained. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String namePrefix = "churnops";
            private Code code;
            private int memoryMb = 1024;
            private Duration timeout = Duration.minutes(5);
            private Map<String, String> environment = Map.of();
            private DataLake lake;
            private RetentionDays logRetention = RetentionDays.ONE_MONTH;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

            public Builder namePrefix(String value) {
                namePrefix = value;
                return this;
            }

            public Builder code(Code value) {
                code = value;
                return this;
            }

            public Builder memoryMb(int value) {
                memoryMb = value;
                return this;
            }

            public Builder timeout(Duration value) {
                timeout = value;
                return this;
            }

            public Builder environment(Map<String, String> value) {
                environment = value;
                return this;
            }

            public Builder lake(DataLake value) {
                lake = value;
                return this;
            }

            public Builder logRetention(RetentionDays value) {
                logRetention = value;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy value) {
                removalPolicy = value;
                return this;
            }

            public Props build() {
                return new Props(namePrefix, code, memoryMb, timeout, environment, lake, logRetention, removalPolicy);
            }
        }
    }

    private final Map<Step, JavaFunction> functions = new EnumMap<>(Step.class);

    public WorkflowFunctions(Construct scope, String id, Props props) {
        super(scope, id);
        for (Step step : Step.values()) {
            JavaFunction fn = new JavaFunction(this, step.shortName(), JavaFunction.Props.builder()
                    .functionName(props.namePrefix() + "-" + step.shortName())
                    .description("ChurnOps step " + step.shortName() + " (" + step.substitution() + " in the state machines)")
                    .handler(step.handler())
                    .code(props.code())
                    .memoryMb(props.memoryMb())
                    .timeout(props.timeout())
                    .environment(props.environment())
                    .logRetention(props.logRetention())
                    .removalPolicy(props.removalPolicy())
                    .build());
            props.lake().grant(fn.role(), step.lake());
            functions.put(step, fn);
        }
    }

    /** The function of a step. */
    public JavaFunction get(Step step) {
        return functions.get(step);
    }

    /** Every step's function. */
    public Map<Step, JavaFunction> all() {
        return Collections.unmodifiableMap(functions);
    }

    /** Sets {@code name} to {@code value} on every function. */
    public void addEnvironment(String name, String value) {
        functions.values().forEach(f -> f.function().addEnvironment(name, value));
    }
}
