package dev.churnops.local.generate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.churnops.core.features.FeatureDefinition;
import dev.churnops.core.features.FeatureRegistry;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.handlers.FeatureStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/**
 * The README's "Calling the API" examples are written for the model `./churnops run` trains on the
 * default shop: the customers they name by id are customers the generator makes, and their inline
 * features are inputs of the shop's feature view with values of the right type and vocabulary. A
 * change to the shop's ids or features that leaves the examples behind fails here.
 */
class ReadmeApiExamplesTest {

    private static final Pattern CURL_PATH = Pattern.compile("http://127\\.0\\.0\\.1:8080(/\\S*)");
    private static final Pattern BODY = Pattern.compile("-d '([^']*)'");

    @Test
    void examplesNameShopCustomersAndViewInputs() throws Exception {
        String section = callingTheApi();
        List<String> ids = new ArrayList<>();
        Matcher path = CURL_PATH.matcher(section);
        while (path.find()) {
            String p = path.group(1);
            if (p.startsWith("/v1/customers/")) {
                ids.add(p.substring("/v1/customers/".length(), p.length() - "/score".length()));
            }
        }
        List<JsonNode> bodies = new ArrayList<>();
        Matcher body = BODY.matcher(section);
        while (body.find()) {
            bodies.add(new ObjectMapper().readTree(body.group(1)));
        }
        assertFalse(bodies.isEmpty(), "the section has no POST /v1/scores body");

        Map<String, FeatureDefinition> inputs = inputsOfDefaultView();
        int inlineCustomers = 0;
        for (JsonNode b : bodies) {
            for (JsonNode customer : b.get("customers")) {
                JsonNode features = customer.get("features");
                if (features == null) {
                    ids.add(customer.get("customerId").asText());
                    continue;
                }
                inlineCustomers++;
                features.fields().forEachRemaining(f -> checkValue(inputs, f.getKey(), f.getValue()));
            }
        }
        assertTrue(inlineCustomers > 0, "no example sends inline features");
        assertFalse(ids.isEmpty(), "no example looks a customer up by id");
        long initialCustomers = Long.parseLong(defaultCustomers());
        for (String id : ids) {
            assertTrue(isInitialCustomer(id, initialCustomers),
                    id + " is not one of the " + initialCustomers + " customers the default shop starts with");
        }
    }

    private static void checkValue(Map<String, FeatureDefinition> inputs, String name, JsonNode value) {
        FeatureDefinition input = inputs.get(name);
        assertTrue(input != null, name + " is not an input of view " + FeatureStores.DEFAULT_VIEW + ": " + inputs.keySet());
        if (input.type() == FeatureSchema.ValueType.DOUBLE) {
            assertTrue(value.isNumber(), name + " is numeric, the example sends " + value);
            return;
        }
        assertTrue(value.isTextual(), name + " is a category, the example sends " + value);
        List<String> vocabulary = switch (name) {
            case "country" -> ShopModel.COUNTRIES;
            case "acquisition_channel" -> ShopModel.CHANNELS;
            case "membership" -> ShopModel.MEMBERSHIPS;
            default -> throw new AssertionError("no vocabulary known for " + name);
        };
        assertTrue(vocabulary.contains(value.asText()), name + " " + value + " is not one of " + vocabulary);
    }

    private static boolean isInitialCustomer(String id, long customers) {
        if (!id.matches("C[0-9]{1,18}")) {
            return false;
        }
        long n = Long.parseLong(id.substring(1));
        return n >= 1 && n <= customers && id.equals(new RowBuffer(12).customerId(n).toString());
    }

    private static Map<String, FeatureDefinition> inputsOfDefaultView() {
        FeatureRegistry registry = FeatureRegistry.builtIn();
        List<String> names = registry.modelFeatures(FeatureStores.DEFAULT_VIEW);
        return registry.features(FeatureStores.DEFAULT_VIEW).stream().filter(f -> names.contains(f.name()))
                .collect(Collectors.toMap(FeatureDefinition::name, Function.identity()));
    }

    /** The default of `churnops run --customers`, as the command declares it. */
    private static String defaultCustomers() throws ClassNotFoundException {
        return Arrays.stream(Class.forName("dev.churnops.local.cli.RunCommand").getDeclaredFields())
                .map(f -> f.getAnnotation(Option.class))
                .filter(o -> o != null && Arrays.asList(o.names()).contains("--customers"))
                .map(Option::defaultValue).findFirst().orElseThrow();
    }

    private static String callingTheApi() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Calling the API\n");
        assertTrue(start >= 0, "README has no 'Calling the API' section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        return section;
    }
}
