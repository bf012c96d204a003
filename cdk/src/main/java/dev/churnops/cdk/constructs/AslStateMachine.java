package dev.churnops.cdk.constructs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * A state machine from one of the definition files in {@code statemachines/}, the same file the
 * local interpreter runs. Every {@code ${Name}} in the file is substituted at synthesis: a
 * {@code ${<Step>Function}} by that step's function ARN, {@code ${AlertTopicArn}} by the alert
 * topic, anything else from {@link Props#substitutions()}; a name with no value fails synthesis,
 * naming the file and the name. The role may invoke exactly the functions substituted and publish
 * to the alert topic when the file uses it. Logs every event (without execution data, which can
 * hold customer ids) and traces with X-Ray.
 */
public final class AslStateMachine extends Construct {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    /**
     * @param stateMachineName the state machine's name
     * @param definitionFile the .asl.json file
     * @param functions the functions its Task states may name
     * @param alerts the alert topic its failure paths publish to
     * @param substitutions values of any other names in the file
     * @param startable other state machines its Task states start ({@code states:startExecution}), by the
     *                  name the file substitutes with their ARN: the role may start exactly these
     * @param timeout how long one execution may run
     * @param logRetention how long its execution logs are kept
     * @param removalPolicy what deleting the stack does to its log group
     */
    public record Props(String stateMachineName, Path definitionFile, WorkflowFunctions functions, Alerts alerts,
                        Map<String, String> substitutions, Map<String, IStateMachine> startable, Duration timeout,
                        RetentionDays logRetention, RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(stateMachineName, "AslStateMachine.Props.stateMachineName");
            Objects.requireNonNull(definitionFile, "AslStateMachine.Props.definitionFile");
            Objects.requireNonNull(functions, "AslStateMachine.Props.functions");
            Objects.requireNonNull(alerts, "AslStateMachine.Props.alerts");
            substitutions = Map.copyOf(substitutions);
            startable = Map.copyOf(startable);
            Objects.requireNonNull(timeout, "AslStateMachine.Props.timeout");
            Objects.requireNonNull(logRetention, "AslStateMachine.Props.logRetention");
            Objects.requireNonNull(removalPolicy, "AslStateMachine.Props.removalPolicy");
        }

        /** Defaults: no extra substitutions, no state machine to start, a 6-hour execution timeout, logs kept a month and retained. */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String stateMachineName;
            private Path definitionFile;
            private WorkflowFunctions functions;
            private Alerts alerts;
            private Map<String, String> substitutions = Map.of();
            private Map<String, IStateMachine> startable = Map.of();
            private Duration timeout = Duration.hours(6);
            private RetentionDays logRetention = RetentionDays.ONE_MONTH;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

            public Builder stateMachineName(String value) {
                stateMachineName = value;
                return this;
            }

            public Builder definitionFile(Path value) {
                definitionFile = value;
                return this;
            }

            public Builder functions(WorkflowFunctions value) {
                functions = value;
                return this;
            }

            public Builder alerts(Alerts value) {
                alerts = value;
                return this;
            }

            public Builder substitutions(Map<String, String> value) {
                substitutions = value;
                return this;
            }

            public Builder startable(Map<String, IStateMachine> value) {
                startable = value;
                return this;
            }

            public Builder timeout(Duration value) {
                timeout = value;
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
                return new Props(stateMachineName, definitionFile, functions, alerts, substitutions, startable, timeout,
                        logRetention, removalPolicy);
            }
        }
    }

    private final String name;
    private final StateMachine stateMachine;
    private final Set<Step> invokedSteps;

    public AslStateMachine(Construct scope, String id, Props props) {
        super(scope, id);
        name = props.stateMachineName();
        String definition = read(props.definitionFile());
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(definition);
        while (m.find()) {
            names.add(m.group(1));
        }

        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("states.amazonaws.com"))
                .description("Step Functions " + props.stateMachineName())
                .build();
        Map<String, String> values = new LinkedHashMap<>();
        Set<Step> steps = new LinkedHashSet<>();
        Set<String> unknown = new TreeSet<>();
        for (String variable : names) {
            if (props.substitutions().containsKey(variable)) {
                values.put(variable, props.substitutions().get(variable));
            } else if (props.startable().containsKey(variable)) {
                IStateMachine started = props.startable().get(variable);
                values.put(variable, started.getStateMachineArn());
                started.grantStartExecution(role);
            } else if (variable.equals("AlertTopicArn")) {
                values.put(variable, props.alerts().topic().getTopicArn());
                props.alerts().grantPublish(role);
            } else if (isStep(variable)) {
                Step step = Step.ofSubstitution(variable);
                steps.add(step);
                values.put(variable, props.functions().get(step).function().getFunctionArn());
            } else {
                unknown.add(variable);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(props.definitionFile() + " names " + unknown.stream().map(n -> "${" + n + "}").toList()
                    + ", which no Lambda step, the alert topic, a startable state machine or the given substitutions provide:"
                    + " add the function to dev.churnops.cdk.constructs.Step or pass a substitution.");
        }
        if (!steps.isEmpty()) {
            List<String> arns = new ArrayList<>();
            steps.forEach(s -> arns.add(props.functions().get(s).function().getFunctionArn()));
            // The Task states call lambda:invoke with these unqualified ARNs, so no version wildcard is needed.
            role.addToPrincipalPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("lambda:InvokeFunction")).resources(arns).build());
        }
        invokedSteps = Set.copyOf(steps);

        // Vended-logs prefix: Step Functions log delivery then needs no per-group resource policy.
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/vendedlogs/states/" + props.stateMachineName())
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(props.stateMachineName())
                .definitionBody(DefinitionBody.fromString(substitute(definition, values)))
                .role(role)
                .timeout(props.timeout())
                .tracingEnabled(true)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(false).build())
                .build();
    }

    /**
     * An EventBridge rule starting an execution on {@code expression}, such as {@code cron(0 4 ? * MON *)}.
     * The execution input is the scheduled event itself, which the definitions recognise by its
     * {@code detail-type} and run with their defaults.
     */
    public Rule schedule(String id, String expression, boolean enabled) {
        return Rule.Builder.create(this, id)
                .description("Starts " + name + " on " + expression)
                .schedule(Schedule.expression(expression))
                .enabled(enabled)
                .targets(List.of(SfnStateMachine.Builder.create(stateMachine)
                        .retryAttempts(3).maxEventAge(Duration.hours(2)).build()))
                .build();
    }

    private static boolean isStep(String name) {
        for (Step s : Step.values()) {
            if (s.substitution().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The definition with every {@code ${Name}} replaced by its value (a token where the value is a reference). */
    static String substitute(String definition, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state machine definition " + file + ": " + e.getMessage(), e);
        }
    }

    /** The state machine's name. */
    public String name() {
        return name;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    /** The steps whose functions the definition invokes. */
    public Set<Step> invokedSteps() {
        return invokedSteps;
    }
}
