package dev.churnops.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureRegistryTest {

    private static String builtInText() throws IOException {
        try (InputStream in = FeatureRegistry.class.getResourceAsStream(FeatureRegistry.BUILT_IN)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String failure(String json) {
        return assertThrows(IllegalArgumentException.class,
                () -> FeatureRegistry.parse(json.getBytes(StandardCharsets.UTF_8), "test.json")).getMessage();
    }

    private static String feature(String body) {
        return "{\"version\": 1, \"views\": [{\"name\": \"v\", \"entity\": \"customer_id\", \"description\": \"d\", \"owner\": \"o\"}],"
                + " \"features\": [" + body + "]}";
    }

    private static String def(String name, String source, String window, String aggregation, String extra) {
        return "{\"name\": \"" + name + "\", \"description\": \"d\", \"entity\": \"customer_id\", \"type\": \"double\", \"source\": \""
                + source + "\", \"window\": " + window + ", \"aggregation\": \"" + aggregation + "\", \"owner\": \"o\", \"view\": \"v\""
                + extra + "}";
    }

    @Test
    void builtInRegistryLoadsWithItsColumnsInFileOrder() {
        FeatureRegistry registry = FeatureRegistry.builtIn();
        FeatureSchema schema = registry.schema("customer_behaviour");
        assertEquals(1, registry.version());
        assertEquals(34, schema.size());
        assertEquals("days_since_last_order", schema.names().get(0));
        assertEquals(FeatureSchema.ValueType.STRING, schema.columns().get(schema.indexOf("country")).type());
        List<String> model = registry.modelFeatures("customer_behaviour");
        assertEquals(30, model.size());
        assertFalse(model.contains("last_order_time"));
        assertFalse(model.contains("signup_time"));
        assertTrue(model.contains("orders_trend_30d"));
    }

    @Test
    void rejectsAnUnknownSourceNamingFeatureAndValue() {
        String m = failure(feature(def("f", "payments", "30", "count", "")));
        assertTrue(m.contains("'f'") && m.contains("unknown source 'payments'"), m);
    }

    @Test
    void rejectsAnUnknownAggregation() {
        String m = failure(feature(def("f", "orders", "30", "median", "")));
        assertTrue(m.contains("'f'") && m.contains("unknown aggregation 'median'"), m);
    }

    @Test
    void rejectsAFieldTheSourceDoesNotHave() {
        String m = failure(feature(def("f", "orders", "30", "sum", ", \"field\": \"price\"")));
        assertTrue(m.contains("'f'") && m.contains("field 'price'") && m.contains("unit_price"), m);
    }

    @Test
    void rejectsAFilterValueOutsideTheColumnsAllowedValues() {
        String m = failure(feature(def("f", "sessions", "30", "count", ", \"filter\": {\"platform\": \"tv\"}")));
        assertTrue(m.contains("'f'") && m.contains("'tv'") && m.contains("app"), m);
    }

    @Test
    void rejectsADuplicateName() {
        String m = failure(feature(def("f", "orders", "30", "count", "") + "," + def("f", "orders", "7", "count", "")));
        assertTrue(m.contains("feature 'f' is defined twice"), m);
    }

    @Test
    void rejectsAnUnknownView() {
        String m = failure(feature(def("f", "orders", "30", "count", "").replace("\"view\": \"v\"", "\"view\": \"w\"")));
        assertTrue(m.contains("'f'") && m.contains("unknown view 'w'"), m);
    }

    @Test
    void rejectsBadWindows() {
        String zero = failure(feature(def("f", "orders", "0", "count", "")));
        assertTrue(zero.contains("'f'") && zero.contains("window 0"), zero);
        String fraction = failure(feature(def("f", "orders", "7.5", "count", "")));
        assertTrue(fraction.contains("'f'") && fraction.contains("window 7.5"), fraction);
        String trend = failure(feature(def("f", "orders", "null", "trend", "")));
        assertTrue(trend.contains("'f'") && trend.contains("needs one"), trend);
        String first = failure(feature(def("f", "customers", "30", "first_time", "")));
        assertTrue(first.contains("'f'") && first.contains("window 30"), first);
    }

    @Test
    void rejectsARatioOfAnUnknownFeature() {
        String m = failure(feature(def("r", "derived", "null", "ratio", ", \"numerator\": \"a\", \"denominator\": \"b\"")));
        assertTrue(m.contains("'r'") && m.contains("numerator 'a'"), m);
    }

    @Test
    void rejectsAWrongTypeAndAnUnknownProperty() {
        String type = failure(feature(def("f", "customers", "null", "value", ", \"field\": \"country\"")));
        assertTrue(type.contains("'f'") && type.contains("type 'double'"), type);
        String unknown = failure(feature(def("f", "orders", "30", "count", ", \"windw\": 3")));
        assertTrue(unknown.contains("'f'") && unknown.contains("'windw'"), unknown);
    }

    @Test
    void builtInFileRoundTripsThroughParse() throws IOException {
        FeatureRegistry parsed = FeatureRegistry.parse(builtInText().getBytes(StandardCharsets.UTF_8), "copy");
        assertEquals(FeatureRegistry.builtIn().features(), parsed.features());
    }
}
