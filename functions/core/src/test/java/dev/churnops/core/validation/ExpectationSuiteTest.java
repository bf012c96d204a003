package dev.churnops.core.validation;

import static dev.churnops.core.validation.Fixtures.GOOD;
import static dev.churnops.core.validation.Fixtures.SPEC;
import static dev.churnops.core.validation.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.data.ColumnRole;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExpectationSuiteTest {

    private static ExpectationSuite profiled() {
        CsvTable table = read(GOOD);
        return Profiler.profile(table, SPEC, TypeInference.infer(table, SPEC));
    }

    private static IllegalArgumentException rejected(String json) {
        return assertThrows(IllegalArgumentException.class,
                () -> ExpectationSuite.fromJson(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void roundTripsThroughJson() {
        ExpectationSuite suite = profiled();
        assertEquals(suite, ExpectationSuite.fromJson(suite.toJson()));
    }

    @Test
    void writesPrettySnakeCaseJsonInAStableOrder() {
        String json = new String(profiled().toJson(), StandardCharsets.UTF_8);

        assertTrue(json.startsWith("{\n  \"dataset\" : \"telco\",\n  \"id_column\" : \"customerID\",\n"), json);
        assertTrue(json.indexOf("\"allowed_labels\"") < json.indexOf("\"row_count\""), json);
        assertTrue(json.indexOf("\"row_count\"") < json.indexOf("\"columns\""), json);
        assertTrue(json.contains("\"max_missing_rate\" : 0.2167"), json);
        assertFalse(json.contains("\"unique\" : null"), "absent constraints are left out: " + json);
        assertTrue(json.endsWith("}\n"));
        assertEquals(json, new String(ExpectationSuite.fromJson(json.getBytes(StandardCharsets.UTF_8)).toJson(),
                StandardCharsets.UTF_8), "same suite, same bytes");
    }

    @Test
    void rejectsAnUnknownFieldNamingItsPath() {
        String json = new String(profiled().toJson(), StandardCharsets.UTF_8)
                .replace("\"max_missing_rate\" : 0.2167", "\"max_missing_rat\" : 0.2167");

        IllegalArgumentException e = rejected(json);

        assertTrue(e.getMessage().startsWith("The expectation suite has an unknown field 'max_missing_rat' at 'columns[4]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("max_missing_rate"), "lists the known fields: " + e.getMessage());
    }

    @Test
    void readsAMinimalHandWrittenSuiteWithDefaults() {
        ExpectationSuite suite = ExpectationSuite.fromJson("""
                {"dataset": "telco", "label_column": "Churn", "positive_label": "Yes", "allowed_labels": ["No", "Yes"],
                 "columns": [{"name": "Churn", "type": "categorical"}, {"name": "tenure", "type": "numeric", "min": 0}]}
                """.getBytes(StandardCharsets.UTF_8));

        ExpectationSuite.ColumnExpectation tenure = suite.column("tenure").orElseThrow();
        assertEquals(ColumnType.NUMERIC, tenure.type());
        assertFalse(tenure.required());
        assertEquals(1.0, tenure.maxMissingRate());
        assertEquals(0.0, tenure.min());
        assertEquals(null, suite.rowCount());
    }

    @Test
    void rejectsInvalidValuesWithASentenceNamingTheField() {
        String base = "{\"dataset\": \"t\", \"label_column\": \"Churn\", \"positive_label\": \"Yes\", "
                + "\"allowed_labels\": [\"No\", \"Yes\"], \"columns\": [{\"name\": \"Churn\", \"type\": \"CATEGORICAL\"}, ";

        assertTrue(rejected(base + "{\"name\": \"tenure\", \"type\": \"NUMERIC\", \"max_missing_rate\": 1.5}]}")
                .getMessage().contains("columns['tenure'].max_missing_rate is 1.5: expected a share between 0 and 1."));
        assertTrue(rejected(base + "{\"name\": \"tenure\", \"type\": \"NUMERIC\", \"min\": 5, \"max\": 1}]}")
                .getMessage().contains("columns['tenure'].min 5.0 is above max 1.0"));
        assertTrue(rejected(base + "{\"name\": \"Partner\", \"type\": \"BOOLEAN\", \"allowed_categories\": [\"Yes\"]}]}")
                .getMessage().contains("allowed_categories contains 'Yes' but the column is BOOLEAN"));
        assertTrue(rejected(base.replace("[\"No\", \"Yes\"]", "[\"No\"]") + "{\"name\": \"x\", \"type\": \"NUMERIC\"}]}")
                .getMessage().contains("does not contain the positive_label 'Yes'"));
        assertTrue(rejected(base + "{\"name\": \"x\", \"type\": \"TEXT\"}]}")
                .getMessage().contains("Column type 'TEXT' is not known"));
        assertTrue(rejected("{\"dataset\": \"t\"").getMessage().startsWith("The expectation suite is not valid"));
    }

    @Test
    void givesItsColumnsAsASchemaWithRolesFromTheSpec() {
        TableSchema schema = profiled().schema(SPEC.toBuilder().ignore("Contract").build());

        assertEquals(ColumnRole.ID, schema.column("customerID").role());
        assertEquals(ColumnRole.LABEL, schema.column("Churn").role());
        assertEquals(ColumnRole.IGNORED, schema.column("Contract").role());
        assertEquals(ColumnType.BOOLEAN, schema.column("Partner").type());
        assertEquals(ColumnRole.FEATURE, schema.column("TotalCharges").role());
    }
}
