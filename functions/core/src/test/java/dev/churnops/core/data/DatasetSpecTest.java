package dev.churnops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetSpecTest {

    @Test
    void builderStatesTheDefaults() {
        DatasetSpec spec = DatasetSpec.builder().labelColumn("Churn").positiveLabel("Yes").build();

        assertEquals("customers", spec.name());
        assertNull(spec.idColumn());
        assertEquals(Set.of("", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "?", "-"), spec.missingTokens());
        assertTrue(spec.typeOverrides().isEmpty());
        assertTrue(spec.ignoredColumns().isEmpty());
    }

    @Test
    void comparesMissingTokensAfterTrimming() {
        DatasetSpec spec = DatasetSpec.builder().labelColumn("Churn").positiveLabel("Yes").build();

        assertTrue(spec.isMissing(" "), "Telco's TotalCharges blank is a single space");
        assertTrue(spec.isMissing(" NA "));
        assertTrue(spec.isMissing(null));
        assertFalse(spec.isMissing("na"), "tokens are case-sensitive");
        assertFalse(spec.isMissing("0"));
    }

    @Test
    void requiresTheLabelColumnWithASentenceNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetSpec.builder().positiveLabel("Yes").build());
        assertEquals("DatasetSpec.labelColumn (label_column) is missing: name the column holding the churn label,"
                + " e.g. 'Churn'.", e.getMessage());
    }

    @Test
    void requiresThePositiveLabelNamingTheLabelColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetSpec.builder().labelColumn("Churn").positiveLabel(" ").build());
        assertTrue(e.getMessage().startsWith("DatasetSpec.positiveLabel (positive_label) is blank"), e.getMessage());
        assertTrue(e.getMessage().contains("'Churn'"), e.getMessage());
    }

    @Test
    void rejectsATypeOverrideOnTheLabelColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.builder()
                .labelColumn("Churn").positiveLabel("Yes").type("Churn", ColumnType.BOOLEAN).build());
        assertTrue(e.getMessage().contains("column 'Churn', which is the label column"), e.getMessage());
    }

    @Test
    void rejectsIgnoringTheIdColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.builder()
                .labelColumn("Churn").positiveLabel("Yes").idColumn("customerID").ignore("customerID").build());
        assertTrue(e.getMessage().contains("'customerID', which is the id column"), e.getMessage());
    }

    @Test
    void readsSnakeCaseJsonWithCaseInsensitiveTypes() {
        String json = """
                {"name": "telco", "id_column": "customerID", "label_column": "Churn", "positive_label": "Yes",
                 "types": {"SeniorCitizen": "categorical"}, "missing_tokens": ["", "?"], "ignored_columns": ["gender"]}
                """;

        DatasetSpec spec = DatasetSpec.fromJson(json.getBytes(StandardCharsets.UTF_8));

        assertEquals("telco", spec.name());
        assertEquals("customerID", spec.idColumn());
        assertEquals(Map.of("SeniorCitizen", ColumnType.CATEGORICAL), spec.typeOverrides());
        assertEquals(Set.of("", "?"), spec.missingTokens());
        assertEquals(Set.of("gender"), spec.ignoredColumns());
    }

    @Test
    void defaultsApplyToFieldsLeftOutOfTheJson() {
        DatasetSpec spec = DatasetSpec.fromJson("{\"label_column\": \"Churn\", \"positive_label\": \"Yes\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(DatasetSpec.DEFAULT_NAME, spec.name());
        assertEquals(DatasetSpec.DEFAULT_MISSING_TOKENS, spec.missingTokens());
    }

    @Test
    void roundTripsThroughJson() {
        DatasetSpec spec = DatasetSpec.builder().name("telco").idColumn("customerID").labelColumn("Churn")
                .positiveLabel("Yes").type("tenure", ColumnType.NUMERIC).ignore("gender")
                .missingTokens(List.of("", "NA")).build();

        String json = new String(spec.toJson(), StandardCharsets.UTF_8);

        assertTrue(json.contains("\"label_column\" : \"Churn\""), json);
        assertTrue(json.contains("\"types\" : {"), json);
        assertEquals(spec, DatasetSpec.fromJson(spec.toJson()));
    }

    @Test
    void rejectsAnUnknownJsonFieldNamingItAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.fromJson(
                "{\"label_column\": \"Churn\", \"positive_label\": \"Yes\", \"labelColumn\": \"x\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("unknown field 'labelColumn'"), e.getMessage());
        assertTrue(e.getMessage().contains("label_column"), e.getMessage());
    }

    @Test
    void reportsAnInvalidValueFromJsonWithTheSpecsSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.fromJson(
                "{\"label_column\": \"Churn\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("DatasetSpec.positiveLabel (positive_label) is missing"), e.getMessage());
    }

    @Test
    void parsesColumnTypesCaseInsensitivelyAndNamesTheAllowedOnes() {
        assertEquals(ColumnType.BOOLEAN, ColumnType.parse(" Boolean "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("text"));
        assertEquals("Column type 'text' is not known: expected one of NUMERIC, CATEGORICAL, BOOLEAN"
                + " (case-insensitive).", e.getMessage());
        IllegalArgumentException fromJson = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.fromJson(
                "{\"label_column\": \"Churn\", \"positive_label\": \"Yes\", \"types\": {\"tenure\": \"int\"}}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(fromJson.getMessage().contains("Column type 'int' is not known"), fromJson.getMessage());
    }
}
