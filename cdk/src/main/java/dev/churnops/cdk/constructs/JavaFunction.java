package dev.churnops.cdk.constructs;

import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One ChurnOps Lambda function as every one is built: Java 21 on arm64, X-Ray tracing, its own
 * log group with a retention, and its own role that may write that log group and nothing else
 * until a construct grants it what its step needs. No AWS managed policy is attached.
 */
public final class JavaFunction extends Construct {

    /** The runtime of every function; the jars are Java 17 bytecode. */
    public static final Runtime RUNTIME = Runtime.JAVA_21;

    /**
     * @param functionName the Lambda function name
     * @param description one line on what it does
     * @param handler {@code class::method}
     * @param code the deployment jar
     * @param memoryMb memory in MB (CPU scales with it)
     * @param timeout the invocation timeout
     * @param environment environment variables
     * @param snapStart whether published versions are SnapStart snapshots
     * @param logRetention how long its logs are kept
     * @param removalPolicy what deleting the stack does to the log group
     */
    public record Props(String functionName, String description, String handler, Code code, int memoryMb,
                        Duration timeout, Map<String, String> environment, boolean snapStart,
                        RetentionDays logRetention, RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(functionName, "JavaFunction.Props.functionName");
            Objects.requireNonNull(handler, "JavaFunction.Props.handler");
            Objects.requireNonNull(code, "JavaFunction.Props.code");
            Objects.requireNonNull(timeout, "JavaFunction.Props.timeout");
            environment = Map.copyOf(environment);
            Objects.requireNonNull(logRetention, "JavaFunction.Props.logRetention");
            Objects.requireNonNull(removalPolicy, "JavaFunction.Props.removalPolicy");
        }

        /** Defaults: 1024 MB, 60 s, no environment, no SnapStart, logs kept a month and retained. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String functionName;
            private String description = "";
            private String handler;
            private Code code;
            private int memoryMb = 1024;
            private Duration timeout = Duration.seconds(60);
            private Map<String, String> environment = Map.of();
            private boolean snapStart;
            private RetentionDays logRetention = RetentionDays.ONE_MONTH;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

            public Builder functionName(String value) {
                functionName = value;
                return this;
            }

            public Builder description(String value) {
                description = value;
                return this;
            }

            public Builder handler(String value) {
                handler = value;
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

            public Builder snapStart(boolean value) {
                snapStart = value;
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
                return new Props(functionName, description, handler, code, memoryMb, timeout, environment, snapStart,
                        logRetention, removalPolicy);
            }
        }
    }

    private final Function function;
    private final Role role;
    private final LogGroup logGroup;

    public JavaFunction(Construct scope, String id, Props props) {
        super(scope, id);
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Lambda " + props.functionName())
                .build();
        logGroup.grantWrite(role);
        Function.Builder fn = Function.Builder.create(this, "Function")
                .functionName(props.functionName())
                .description(props.description())
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(props.handler())
                .code(props.code())
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .environment(props.environment())
                .role(role)
                .logGroup(logGroup)
                // Lambda's own lines and the LambdaLogger's as JSON, beside Powertools' JSON layout.
                .loggingFormat(LoggingFormat.JSON)
                .tracing(Tracing.ACTIVE);
        if (props.snapStart()) {
            fn.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        function = fn.build();
        if (props.snapStart()) {
            // The warning asks for a published version; the construct using SnapStart publishes one.
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "Scoring publishes currentVersion behind its alias");
        }
    }

    public Function function() {
        return function;
    }

    public Role role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
