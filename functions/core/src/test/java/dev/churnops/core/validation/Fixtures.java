package dev.churnops.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import java.nio.charset.StandardCharsets;

/** Small Telco-shaped tables and a validate call that checks rows in = valid + quarantined every time. */
final class Fixtures {

    static final DatasetSpec SPEC = DatasetSpec.builder().name("telco")
            .idColumn("customerID").labelColumn("Churn").positiveLabel("Yes").build();

    /** Six customers; 0005 has Telco's blank TotalCharges (a single space). */
    static final String GOOD = "customerID,tenure,Contract,Partner,TotalCharges,Churn\n"
            + "0001,1,Month-to-month,Yes,29.85,No\n"
            + "0002,34,One year,No,1889.5,No\n"
            + "0003,2,Month-to-month,No,108.15,Yes\n"
            + "0004,45,One year,No,1840.75,No\n"
            + "0005,0,Two year,Yes, ,No\n"
            + "0006,8,Month-to-month,No,820.5,Yes\n";

    private Fixtures() {
    }

    static CsvTable read(String csv) {
        return read(csv, "customers.csv");
    }

    static CsvTable read(String csv, String source) {
        return CsvReader.read(csv.getBytes(StandardCharsets.UTF_8), source);
    }

    /** Profiles {@code csv} with {@code spec} and validates it against its own profile. */
    static ValidationResult selfValidate(String csv, DatasetSpec spec) {
        CsvTable table = read(csv);
        TableSchema schema = TypeInference.infer(table, spec);
        return validate(table, spec, schema, Profiler.profile(table, spec, schema));
    }

    static ValidationResult validate(CsvTable table, DatasetSpec spec, TableSchema schema, ExpectationSuite suite) {
        ValidationResult result = Validator.validate(table, spec, schema, suite);
        ValidationReport report = result.report();
        assertEquals(table.records().size(), report.rowsIn(), "rows in");
        assertEquals(report.rowsIn(), result.valid().size() + result.rejected().size(), "rows in = valid + quarantined");
        assertEquals(report.rowsIn(), report.rowsValid() + report.rowsQuarantined(), "report counts add up");
        return result;
    }
}
