package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
  * Validates an Amazon States Language definition and compiles it into {@link State} records: the one
  * place that decides what the local interpreter accepts. Every field of every state, including states
  * in Parallel branches and Map processors that a given input would never reach, is checked before
  * anything runs; each problem is reported as an {@link AslDefinitionException} naming the state and
  * the field. Fields AWS defines but the interpreter does not implement (heartbeats, distributed Map,
  * JSONata, variables) are rejected rather than silently ignored.
  */
final class DefinitionParser {

    private static final int MAX_STATE_NAME_LENGTH = 80;

    private static final Set<String> TOP_LEVEL_FIELDS =
            Set.of("StartAt", "States", "Comment", "TimeoutSeconds", "Version", "QueryLanguage");
    private static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment");
    private static final Set<String> ITEM_PROCESSOR_FIELDS =
            Set.of("StartAt", "States", "Comment", "ProcessorConfig");

    private static final Map<String, Set<String>> FIELDS_BY_TYPE = Map.of(
            "Pass", Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath", "ResultPath",
                    "Parameters", "Result"),
            "Task", Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath", "ResultPath",
                    "Parameters", "ResultSelector", "Resource", "Retry", "Catch", "TimeoutSeconds",
                    "TimeoutSecondsPath"),
            "Choice", Set.of("Type", "Comment", "InputPath", "OutputPath", "Choices", "Default"),
            "Wait", Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath", "Seconds",
                    "SecondsPath", "Timestamp", "TimestampPath"),
            "Succeed", Set.of("Type", "Comment", "InputPath", "OutputPath"),
            "Fail", Set.of("Type", "Comment", "Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel", Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath", "ResultPath",
                    "Parameters", "ResultSelector", "Branches", "Retry", "Catch"),
            "Map", Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath", "ResultPath",
                    "Parameters", "ResultSelector", "ItemSelector", "ItemsPath", "Iterator", "ItemProcessor",
                    "MaxConcurrency", "MaxConcurrencyPath", "Retry", "Catch"));

    /** A transition to check once every state of its scope is known. */
    private record Transition(String from, String field, String target) {}

    // State names must be unique across the whole machine, nested scopes included (spec, "States").
    private final Set<String> allStateNames = new HashSet<>();

    StateMachineDefinition parseStateMachine(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new AslDefinitionException("State machine definition must be a JSON object, got "
                    + (json == null ? "nothing" : json.getNodeType()));
        }
        JsonNode timeout = json.get("TimeoutSeconds");
        if (timeout != null && !(timeout.canConvertToInt() && timeout.isIntegralNumber() && timeout.intValue() > 0)) {
            throw new AslDefinitionException(null, "TimeoutSeconds", "must be a positive integer, got " + timeout);
        }
        JsonNode version = json.get("Version");
        if (version != null && !version.isTextual()) {
            throw new AslDefinitionException(null, "Version", "must be a string, got " + version);
        }
        checkQueryLanguage(json, null);
        return parseScope(json, null, "", TOP_LEVEL_FIELDS);
    }

    private StateMachineDefinition parseScope(JsonNode json, String owner, String prefix, Set<String> allowed) {
        if (!json.isObject()) {
            throw new AslDefinitionException(owner, fieldOrNull(prefix), "must be an object with StartAt and States");
        }
        json.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw new AslDefinitionException(owner, prefix + field,
                        "is not supported by the local interpreter; accepted here: " + new TreeSet<>(allowed));
            }
        });
        JsonNode startAt = json.get("StartAt");
        if (startAt == null || !startAt.isTextual()) {
            throw new AslDefinitionException(owner, prefix + "StartAt", "is required and must be a state name");
        }
        JsonNode statesJson = json.get("States");
        if (statesJson == null || !statesJson.isObject() || statesJson.isEmpty()) {
            throw new AslDefinitionException(owner, prefix + "States", "is required and must be a non-empty object");
        }
        Map<String, State> states = new LinkedHashMap<>();
        List<Transition> transitions = new ArrayList<>();
        statesJson.properties().forEach(entry ->
                states.put(entry.getKey(), parseState(entry.getKey(), entry.getValue(), transitions)));
        if (!states.containsKey(startAt.textValue())) {
            throw new AslDefinitionException(owner, prefix + "StartAt",
                    "names state '" + startAt.textValue() + "', which is not among " + states.keySet());
        }
        for (Transition transition : transitions) {
            if (!states.containsKey(transition.target())) {
                throw new AslDefinitionException(transition.from(), transition.field(), "names state '"
                        + transition.target() + "', which does not exist in the same scope " + states.keySet());
            }
        }
        return new StateMachineDefinition(startAt.textValue(), states);
    }

    private State parseState(String name, JsonNode json, List<Transition> transitions) {
        if (!allStateNames.add(name)) {
            throw new AslDefinitionException(name, null,
                    "the name is used more than once; state names must be unique within the whole state machine");
        }
        if (name.isEmpty() || name.length() > MAX_STATE_NAME_LENGTH) {
            throw new AslDefinitionException(name, null,
                    "the name has " + name.length() + " characters; names must have 1 to " + MAX_STATE_NAME_LENGTH);
        }
        if (!json.isObject()) {
            throw new AslDefinitionException(name, null, "the state must be a JSON object, got " + json.getNodeType());
        }
        JsonNode typeJson = json.get("Type");
        if (typeJson == null || !typeJson.isTextual()) {
            throw new AslDefinitionException(name, "Type", "is required and must be a string");
        }
        String type = typeJson.textValue();
        Set<String> allowed = FIELDS_BY_TYPE.get(type);
        if (allowed == null) {
            throw new AslDefinitionException(name, "Type", "has value '" + type
                    + "', which is not supported by the local interpreter; expected one of "
                    + new TreeSet<>(FIELDS_BY_TYPE.keySet()));
        }
        checkQueryLanguage(json, name);
        json.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field) && !field.equals("QueryLanguage")) {
                throw new AslDefinitionException(name, field, "is not supported by the local interpreter; a "
                        + type + " state accepts " + new TreeSet<>(allowed));
            }
        });
        Fields fields = new Fields(name, json);
        switch (type) {
            case "Pass":
                return new State.Pass(name, fields.path("InputPath"), fields.template("Parameters"),
                        json.get("Result"), fields.resultPath("ResultPath"), fields.path("OutputPath"),
                        fields.transition(transitions));
            case "Task":
                return parseTask(fields, transitions);
            case "Choice":
                return parseChoice(fields, transitions);
            case "Wait":
                return parseWait(fields, transitions);
            case "Succeed":
                return new State.Succeed(name, fields.path("InputPath"), fields.path("OutputPath"));
            case "Fail":
                return parseFail(fields);
            case "Parallel":
                return parseParallel(fields, transitions);
            default:
                return parseMap(fields, transitions);
        }
    }

    private State parseTask(Fields fields, List<Transition> transitions) {
        String resource = fields.requiredString("Resource");
        fields.optionalPositiveInt("TimeoutSeconds");
        if (fields.has("TimeoutSecondsPath")) {
            fields.path("TimeoutSecondsPath");
        }
        return new State.Task(fields.stateName, resource, fields.path("InputPath"),
                fields.template("Parameters"), fields.template("ResultSelector"), fields.resultPath("ResultPath"),
                fields.path("OutputPath"), fields.retriers(), fields.catchers(transitions),
                fields.transition(transitions));
    }

    private State parseChoice(Fields fields, List<Transition> transitions) {
        JsonNode choicesJson = fields.json.get("Choices");
        if (choicesJson == null || !choicesJson.isArray() || choicesJson.isEmpty()) {
            throw new AslDefinitionException(fields.stateName, "Choices", "is required and must be a non-empty array");
        }
        List<State.Choice.Branch> choices = new ArrayList<>();
        for (int i = 0; i < choicesJson.size(); i++) {
            String field = "Choices[" + i + "]";
            JsonNode ruleJson = choicesJson.get(i);
            ChoiceRule rule = ChoiceRule.parse(ruleJson, fields.stateName, field, Set.of("Next"));
            JsonNode next = ruleJson.get("Next");
            if (next == null || !next.isTextual()) {
                throw new AslDefinitionException(fields.stateName, field + ".Next", "is required and must be a state name");
            }
            transitions.add(new Transition(fields.stateName, field + ".Next", next.textValue()));
            choices.add(new State.Choice.Branch(rule, next.textValue()));
        }
        String defaultNext = null;
        if (fields.has("Default")) {
            defaultNext = fields.requiredString("Default");
            transitions.add(new Transition(fields.stateName, "Default", defaultNext));
        }
        return new State.Choice(fields.stateName, fields.path("InputPath"), List.copyOf(choices), defaultNext,
                fields.path("OutputPath"));
    }

    private State parseWait(Fields fields, List<Transition> transitions) {
        List<String> given = new ArrayList<>();
        for (String field : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
            if (fields.has(field)) {
                given.add(field);
            }
        }
        if (given.size() != 1) {
            throw new AslDefinitionException(fields.stateName, given.isEmpty() ? "Seconds" : given.get(1),
                    "conflicts: a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath; got " + given);
        }
        Integer seconds = null;
        if (fields.has("Seconds")) {
            JsonNode value = fields.json.get("Seconds");
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
                throw new AslDefinitionException(fields.stateName, "Seconds", "must be a non-negative integer, got " + value);
            }
            seconds = value.intValue();
        }
        Instant timestamp = null;
        if (fields.has("Timestamp")) {
            String text = fields.requiredString("Timestamp");
            timestamp = Timestamps.parse(text).orElseThrow(() -> new AslDefinitionException(fields.stateName,
                    "Timestamp", "must be an RFC 3339 timestamp such as \"2026-01-01T00:00:00Z\", got \"" + text + "\""));
        }
        JsonPath secondsPath = fields.has("SecondsPath") ? fields.path("SecondsPath") : null;
        JsonPath timestampPath = fields.has("TimestampPath") ? fields.path("TimestampPath") : null;
        return new State.Wait(fields.stateName, fields.path("InputPath"), seconds, secondsPath, timestamp,
                timestampPath, fields.path("OutputPath"), fields.transition(transitions));
    }

    private State parseFail(Fields fields) {
        fields.exclusive("Error", "ErrorPath");
        fields.exclusive("Cause", "CausePath");
        return new State.Fail(fields.stateName,
                fields.has("Error") ? fields.requiredString("Error") : null,
                fields.has("ErrorPath") ? fields.expression("ErrorPath") : null,
                fields.has("Cause") ? fields.requiredString("Cause") : null,
                fields.has("CausePath") ? fields.expression("CausePath") : null);
    }

    private State parseParallel(Fields fields, List<Transition> transitions) {
        JsonNode branchesJson = fields.json.get("Branches");
        if (branchesJson == null || !branchesJson.isArray() || branchesJson.isEmpty()) {
            throw new AslDefinitionException(fields.stateName, "Branches", "is required and must be a non-empty array");
        }
        List<StateMachineDefinition> branches = new ArrayList<>();
        for (int i = 0; i < branchesJson.size(); i++) {
            branches.add(parseScope(branchesJson.get(i), fields.stateName, "Branches[" + i + "].", BRANCH_FIELDS));
        }
        return new State.Parallel(fields.stateName, fields.path("InputPath"), fields.template("Parameters"),
                List.copyOf(branches), fields.template("ResultSelector"), fields.resultPath("ResultPath"),
                fields.path("OutputPath"), fields.retriers(), fields.catchers(transitions),
                fields.transition(transitions));
    }

    private State parseMap(Fields fields, List<Transition> transitions) {
        String name = fields.stateName;
        fields.exclusive("Iterator", "ItemProcessor");
        fields.exclusive("Parameters", "ItemSelector");
        fields.exclusive("MaxConcurrency", "MaxConcurrencyPath");
        StateMachineDefinition processor;
        if (fields.has("ItemProcessor")) {
            JsonNode itemProcessor = fields.json.get("ItemProcessor");
            checkProcessorConfig(name, itemProcessor);
            processor = parseScope(itemProcessor, name, "ItemProcessor.", ITEM_PROCESSOR_FIELDS);
        } else if (fields.has("Iterator")) {
            processor = parseScope(fields.json.get("Iterator"), name, "Iterator.", BRANCH_FIELDS);
        } else {
            throw new AslDefinitionException(name, "ItemProcessor", "is required (or the legacy Iterator)");
        }
        int maxConcurrency = 0;
        if (fields.has("MaxConcurrency")) {
            JsonNode value = fields.json.get("MaxConcurrency");
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
                throw new AslDefinitionException(name, "MaxConcurrency", "must be a non-negative integer, got " + value);
            }
            maxConcurrency = value.intValue();
        }
        JsonPath maxConcurrencyPath = fields.has("MaxConcurrencyPath") ? fields.path("MaxConcurrencyPath") : null;
        PayloadTemplate itemSelector = fields.has("ItemSelector")
                ? fields.template("ItemSelector") : fields.template("Parameters");
        return new State.Map(name, fields.path("InputPath"), fields.path("ItemsPath"), itemSelector,
                processor, maxConcurrency, maxConcurrencyPath, fields.template("ResultSelector"),
                fields.resultPath("ResultPath"), fields.path("OutputPath"), fields.retriers(),
                fields.catchers(transitions), fields.transition(transitions));
    }

    private static void checkProcessorConfig(String stateName, JsonNode itemProcessor) {
        JsonNode config = itemProcessor.get("ProcessorConfig");
        if (config == null) {
            return;
        }
        if (!config.isObject()) {
            throw new AslDefinitionException(stateName, "ItemProcessor.ProcessorConfig", "must be an object");
        }
        config.fieldNames().forEachRemaining(field -> {
            if (!field.equals("Mode")) {
                throw new AslDefinitionException(stateName, "ItemProcessor.ProcessorConfig." + field,
                        "is not supported by the local interpreter (only Mode INLINE is)");
            }
        });
        JsonNode mode = config.get("Mode");
        if (mode != null && !"INLINE".equals(mode.asText())) {
            throw new AslDefinitionException(stateName, "ItemProcessor.ProcessorConfig.Mode",
                    "is not supported by the local interpreter with value '" + mode.asText() + "'; only INLINE is");
        }
    }

    private static void checkQueryLanguage(JsonNode json, String stateName) {
        JsonNode language = json.get("QueryLanguage");
        if (language != null && !"JSONPath".equals(language.asText())) {
            throw new AslDefinitionException(stateName, "QueryLanguage", "is not supported by the local interpreter"
                    + " with value '" + language.asText() + "'; only JSONPath is");
        }
    }

    private static String fieldOrNull(String prefix) {
        return prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1);
    }

    /** Typed access to one state's fields, each failure naming the state and the field. */
    private static final class Fields {
        private final String stateName;
        private final JsonNode json;

        Fields(String stateName, JsonNode json) {
            this.stateName = stateName;
            this.json = json;
        }

        boolean has(String field) {
            return json.has(field);
        }

        String requiredString(String field) {
            JsonNode value = json.get(field);
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                throw new AslDefinitionException(stateName, field, "is required and must be a non-empty string, got "
                        + (value == null ? "nothing" : value));
            }
            return value.textValue();
        }

        void optionalPositiveInt(String field) {
            JsonNode value = json.get(field);
            if (value != null && !(value.isIntegralNumber() && value.canConvertToInt() && value.intValue() > 0)) {
                throw new AslDefinitionException(stateName, field, "must be a positive integer, got " + value);
            }
        }

        void exclusive(String first, String second) {
            if (has(first) && has(second)) {
                throw new AslDefinitionException(stateName, second, "cannot be used together with " + first);
            }
        }

        /** An InputPath-like path: absent means {@code $}, JSON null is kept as {@code null}. */
        JsonPath path(String field) {
            return pathValue(json.get(field), field);
        }

        JsonPath resultPath(String field) {
            return resultPathValue(json.get(field), field);
        }

        private JsonPath pathValue(JsonNode value, String reportedField) {
            if (value == null) {
                return JsonPath.ROOT;
            }
            if (value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new AslDefinitionException(stateName, reportedField, "must be a JSONPath string or null, got " + value);
            }
            try {
                return JsonPath.parse(value.textValue());
            } catch (ExpressionSyntaxException e) {
                throw new AslDefinitionException(stateName, reportedField, "is invalid: " + e.getMessage());
            }
        }

        private JsonPath resultPathValue(JsonNode value, String reportedField) {
            JsonPath path = pathValue(value, reportedField);
            if (path != null && path.contextRooted()) {
                throw new AslDefinitionException(stateName, reportedField, "must not point into the context object ($$)");
            }
            return path;
        }

        Expression expression(String field) {
            String text = requiredString(field);
            try {
                return Expression.parse(text);
            } catch (ExpressionSyntaxException e) {
                throw new AslDefinitionException(stateName, field, "is invalid: " + e.getMessage());
            }
        }

        PayloadTemplate template(String field) {
            JsonNode value = json.get(field);
            if (value == null) {
                return null;
            }
            if (!value.isObject()) {
                throw new AslDefinitionException(stateName, field, "must be a JSON object (a payload template), got "
                        + value.getNodeType());
            }
            return PayloadTemplate.compile(value, stateName, field);
        }

        String transition(List<Transition> transitions) {
            JsonNode next = json.get("Next");
            JsonNode end = json.get("End");
            if (end != null && !end.isBoolean()) {
                throw new AslDefinitionException(stateName, "End", "must be true or false, got " + end);
            }
            boolean isEnd = end != null && end.booleanValue();
            if (next != null && isEnd) {
                throw new AslDefinitionException(stateName, "Next", "cannot be combined with \"End\": true");
            }
            if (next == null && !isEnd) {
                throw new AslDefinitionException(stateName, "Next", "is required unless the state has \"End\": true");
            }
            if (isEnd) {
                return null;
            }
            String target = requiredString("Next");
            transitions.add(new Transition(stateName, "Next", target));
            return target;
        }

        List<Retrier> retriers() {
            List<Retrier> retriers = new ArrayList<>();
            JsonNode retry = arrayField("Retry");
            for (int i = 0; i < retry.size(); i++) {
                String field = "Retry[" + i + "]";
                JsonNode json = objectAt(retry, i, field);
                rejectUnknown(json, field, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                        "MaxDelaySeconds", "JitterStrategy", "Comment"));
                List<String> errors = errorEquals(json, field, i == retry.size() - 1);
                int interval = intAt(json, field, "IntervalSeconds", 1, Retrier.DEFAULT_INTERVAL_SECONDS);
                int maxAttempts = intAt(json, field, "MaxAttempts", 0, Retrier.DEFAULT_MAX_ATTEMPTS);
                Integer maxDelay = json.has("MaxDelaySeconds") ? intAt(json, field, "MaxDelaySeconds", 1, 0) : null;
                double backoff = Retrier.DEFAULT_BACKOFF_RATE;
                JsonNode backoffJson = json.get("BackoffRate");
                if (backoffJson != null) {
                    if (!backoffJson.isNumber() || backoffJson.doubleValue() < 1.0) {
                        throw new AslDefinitionException(stateName, field + ".BackoffRate",
                                "must be a number >= 1.0, got " + backoffJson);
                    }
                    backoff = backoffJson.doubleValue();
                }
                JsonNode jitter = json.get("JitterStrategy");
                if (jitter != null && !jitter.asText().equals("FULL") && !jitter.asText().equals("NONE")) {
                    throw new AslDefinitionException(stateName, field + ".JitterStrategy", "must be FULL or NONE, got " + jitter);
                }
                retriers.add(new Retrier(errors, interval, maxAttempts, backoff, maxDelay,
                        jitter != null && jitter.asText().equals("FULL")));
            }
            return List.copyOf(retriers);
        }

        List<Catcher> catchers(List<Transition> transitions) {
            List<Catcher> catchers = new ArrayList<>();
            JsonNode catchJson = arrayField("Catch");
            for (int i = 0; i < catchJson.size(); i++) {
                String field = "Catch[" + i + "]";
                JsonNode json = objectAt(catchJson, i, field);
                rejectUnknown(json, field, Set.of("ErrorEquals", "Next", "ResultPath", "Comment"));
                List<String> errors = errorEquals(json, field, i == catchJson.size() - 1);
                JsonNode next = json.get("Next");
                if (next == null || !next.isTextual()) {
                    throw new AslDefinitionException(stateName, field + ".Next", "is required and must be a state name");
                }
                transitions.add(new Transition(stateName, field + ".Next", next.textValue()));
                JsonPath resultPath = resultPathValue(json.get("ResultPath"), field + ".ResultPath");
                catchers.add(new Catcher(errors, next.textValue(), resultPath));
            }
            return List.copyOf(catchers);
        }

        private JsonNode arrayField(String field) {
            JsonNode value = json.get(field);
            if (value == null) {
                return JsonNodeFactory.instance.arrayNode();
            }
            if (!value.isArray()) {
                throw new AslDefinitionException(stateName, field, "must be an array, got " + value.getNodeType());
            }
            return value;
        }

        private JsonNode objectAt(JsonNode array, int index, String field) {
            JsonNode value = array.get(index);
            if (!value.isObject()) {
                throw new AslDefinitionException(stateName, field, "must be an object, got " + value.getNodeType());
            }
            return value;
        }

        private void rejectUnknown(JsonNode json, String parent, Set<String> allowed) {
            json.fieldNames().forEachRemaining(field -> {
                if (!allowed.contains(field)) {
                    throw new AslDefinitionException(stateName, parent + "." + field,
                            "is not supported by the local interpreter; accepted here: " + new TreeSet<>(allowed));
                }
            });
        }

        private List<String> errorEquals(JsonNode json, String parent, boolean last) {
            String field = parent + ".ErrorEquals";
            JsonNode value = json.get("ErrorEquals");
            if (value == null || !value.isArray() || value.isEmpty()) {
                throw new AslDefinitionException(stateName, field, "is required and must be a non-empty array of error names");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode name : value) {
                if (!name.isTextual() || name.textValue().isEmpty()) {
                    throw new AslDefinitionException(stateName, field, "must hold only non-empty strings, got " + name);
                }
                names.add(name.textValue());
            }
            if (names.contains(StatesError.ALL) && (names.size() > 1 || !last)) {
                throw new AslDefinitionException(stateName, field,
                        "uses States.ALL, which must be the only name in its list and in the last entry");
            }
            return List.copyOf(names);
        }

        private int intAt(JsonNode json, String parent, String field, int min, int defaultValue) {
            JsonNode value = json.get(field);
            if (value == null) {
                return defaultValue;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
                throw new AslDefinitionException(stateName, parent + "." + field,
                        "must be an integer >= " + min + ", got " + value);
            }
            return value.intValue();
        }
    }
}
