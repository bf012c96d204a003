package dev.churnops.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.churnops.core.TelcoData;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The real Telco Customer Churn file, when the shared data folder is present next to the checkout. */
class TelcoCustomerChurnTest {

    private static final DatasetSpec SPEC = TelcoData.SPEC;

    @Test
    void readsInfersAndValidatesTheTelcoFile() throws IOException {
        Path file = TelcoData.file();
        Assumptions.assumeTrue(Files.exists(file), () -> "no Telco data at " + file);

        CsvTable table = CsvReader.read(Files.readAllBytes(file), file.getFileName().toString());
        TableSchema schema = TypeInference.infer(table, SPEC);
        ExpectationSuite suite = Profiler.profile(table, SPEC, schema);
        ValidationResult result = Fixtures.validate(table, SPEC, schema, ExpectationSuite.fromJson(suite.toJson()));
        LabeledTable labeled = LabeledTable.of(table, schema, SPEC, result.valid());

        assertEquals(7043, table.records().size());
        assertEquals(21, table.header().size());
        assertEquals(',', table.delimiter());
        assertEquals(ColumnType.NUMERIC, schema.column("TotalCharges").type());
        assertEquals(ColumnType.NUMERIC, schema.column("SeniorCitizen").type());
        assertEquals(ColumnType.CATEGORICAL, schema.column("Contract").type());
        assertEquals(11, result.report().missingByColumn().get("TotalCharges"));
        assertEquals(7043, result.valid().size(), () -> "rejected: " + result.rejected().stream().limit(5).toList());
        assertTrue(result.report().usable(), () -> result.report().problems().toString());
        assertTrue(result.report().failedExpectations().isEmpty(), () -> result.report().failedExpectations().toString());
        int churned = 0;
        for (boolean label : labeled.labels()) {
            churned += label ? 1 : 0;
        }
        assertEquals(1869, churned);
        assertEquals(11, java.util.Arrays.stream(labeled.numeric("TotalCharges")).filter(Double::isNaN).count());
    }
}
