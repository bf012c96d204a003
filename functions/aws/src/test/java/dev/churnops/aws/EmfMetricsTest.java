package dev.churnops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnops.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {

    /** What {@code action} printed to standard output, one EMF document per line. */
    private static List<String> printed(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    private static JsonNode json(String text) {
        return Json.tree(text.getBytes(StandardCharsets.UTF_8), "emf");
    }

    @Test
    void writesOneEmfDocumentWithTheNamespaceUnitAndExactlyTheGivenDimensions() {
        EmfMetrics metrics = new EmfMetrics("ChurnOps", false);
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Source", "customers");
        dimensions.put("Execution", "exec-42");
        long before = System.currentTimeMillis();

        List<String> lines = printed(() -> metrics.put("RowsQuarantined", 12, "Count", dimensions));

        long after = System.currentTimeMillis();
        assertEquals(1, lines.size(), lines::toString);
        ObjectNode document = (ObjectNode) json(lines.get(0));
        long timestamp = document.get("_aws").get("Timestamp").asLong();
        assertTrue(timestamp >= before && timestamp <= after, () -> timestamp + " not in [" + before + ", " + after + "]");
        ((ObjectNode) document.get("_aws")).remove("Timestamp");
        assertEquals(json("{\"_aws\":{\"CloudWatchMetrics\":[{\"Namespace\":\"ChurnOps\","
                + "\"Metrics\":[{\"Name\":\"RowsQuarantined\",\"Unit\":\"Count\"}],"
                + "\"Dimensions\":[[\"Execution\",\"Source\"]]}]},"
                + "\"Execution\":\"exec-42\",\"Source\":\"customers\",\"RowsQuarantined\":12.0}"), document);
    }

    @Test
    void aMetricWithoutDimensionsHasAnEmptyDimensionSet() {
        EmfMetrics metrics = new EmfMetrics("ChurnOps/dev", false);

        List<String> lines = printed(() -> metrics.put("QuarantineRate", 0.05, "None", Map.of()));

        JsonNode document = json(lines.get(0));
        assertEquals(json("[{\"Namespace\":\"ChurnOps/dev\",\"Metrics\":[{\"Name\":\"QuarantineRate\",\"Unit\":\"None\"}],"
                + "\"Dimensions\":[[]]}]"), document.get("_aws").get("CloudWatchMetrics"));
        assertEquals(0.05, document.get("QuarantineRate").asDouble());
    }

    @Test
    void refusesAUnitCloudWatchDoesNotKnowNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmfMetrics("ChurnOps", false).put("RowsIn", 1, "rows", Map.of()));

        assertTrue(e.getMessage().contains("RowsIn") && e.getMessage().contains("'rows'"), e::getMessage);
    }

    @Test
    void refusesADimensionTheEmfLibraryWouldSilentlyDrop() {
        EmfMetrics metrics = new EmfMetrics("ChurnOps", false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metrics.put("RowsIn", 1, "Count", Map.of("Source", "")));
        List<String> printed = printed(() -> assertThrows(IllegalArgumentException.class,
                () -> metrics.put("RowsIn", 1, "Count", Map.of(":Source", "customers"))));

        assertTrue(e.getMessage().contains("dimension Source"), e::getMessage);
        assertEquals(List.of(), printed);
    }

    @Test
    void refusesANonFiniteValueAndABadNamespace() {
        assertThrows(IllegalArgumentException.class, () -> new EmfMetrics("ChurnOps", false).put("x", Double.NaN, "None", Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EmfMetrics("Churn Ops", false));
        assertTrue(e.getMessage().contains("'Churn Ops'"), e::getMessage);
    }
}
