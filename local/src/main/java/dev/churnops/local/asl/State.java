package dev.churnops.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
  * The compiled form of one state, produced by {@link DefinitionParser} after validation. Fields use
  * {@code null} with the States Language meaning: an {@code inputPath} or {@code outputPath} of
  * {@code null} was written as JSON {@code null} and yields {@code {}}; a {@code resultPath} of
  * {@code null} discards the result; a {@code next} of {@code null} means {@code "End": true}. Absent
  * fields have already been given their defaults ({@code $}).
  */
sealed interface State {

    String name();

    /** Pass: copies its input, or its {@code Result}, to its output. */
    record Pass(String name, JsonPath inputPath, PayloadTemplate parameters, JsonNode result,
            JsonPath resultPath, JsonPath outputPath, String next) implements State {}

    /** Task: hands its effective input to the {@link TaskInvoker}. */
    record Task(String name, String resource, JsonPath inputPath, PayloadTemplate parameters,
            PayloadTemplate resultSelector, JsonPath resultPath, JsonPath outputPath,
            List<Retrier> retriers, List<Catcher> catchers, String next) implements State, Recoverable {}

    /** Choice: picks the {@code Next} of the first matching rule, or {@code Default}. */
    record Choice(String name, JsonPath inputPath, List<Branch> choices, String defaultNext,
            JsonPath outputPath) implements State {

        record Branch(ChoiceRule rule, String next) {}
    }

    /** Wait: exactly one of the four ways to say how long is set. */
    record Wait(String name, JsonPath inputPath, Integer seconds, JsonPath secondsPath, Instant timestamp,
            JsonPath timestampPath, JsonPath outputPath, String next) implements State {}

    record Succeed(String name, JsonPath inputPath, JsonPath outputPath) implements State {}

    /** Fail: a literal or computed error and cause; either may be absent. */
    record Fail(String name, String error, Expression errorPath, String cause, Expression causePath)
            implements State {}

    /** Parallel: runs every branch on the same input; the result is the array of branch outputs. */
    record Parallel(String name, JsonPath inputPath, PayloadTemplate parameters,
            List<StateMachineDefinition> branches, PayloadTemplate resultSelector, JsonPath resultPath,
            JsonPath outputPath, List<Retrier> retriers, List<Catcher> catchers, String next)
            implements State, Recoverable {}

    /**
      * Map (inline): runs {@code processor} once per item; the result is the array of outputs in item
      * order. {@code maxConcurrency} 0 means unbounded; {@code maxConcurrencyPath} overrides it when set.
      */
    record Map(String name, JsonPath inputPath, JsonPath itemsPath, PayloadTemplate itemSelector,
            StateMachineDefinition processor, int maxConcurrency, JsonPath maxConcurrencyPath,
            PayloadTemplate resultSelector, JsonPath resultPath, JsonPath outputPath,
            List<Retrier> retriers, List<Catcher> catchers, String next) implements State, Recoverable {}

    /** A state with {@code Retry} and {@code Catch}. */
    interface Recoverable {
        String name();

        List<Retrier> retriers();

        List<Catcher> catchers();

        String next();
    }
}
