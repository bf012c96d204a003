package dev.churnops.core.monitoring;

import dev.churnops.core.data.CsvReader;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.data.TypeInference;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded customer tables for drift tests: tenure (whole months, 0-72, 5% blank), MonthlyCharges
 * (normal, mean 65, sd 20), Contract (Month-to-month / One year / Two year with given shares) and
 * Partner (boolean). A shift moves the charges' mean by a number of standard deviations; the
 * contract shares can be changed; the same arguments always give the same text.
 */
final class DriftData {

    static final DatasetSpec SPEC = DatasetSpec.builder().name("customers")
            .idColumn("customerID").labelColumn("Churn").positiveLabel("Yes").build();
    static final String HEADER = "customerID,tenure,MonthlyCharges,Contract,Partner,Churn";
    static final double[] BASELINE_CONTRACT_SHARES = {0.45, 0.30, 0.25};
    private static final String[] CONTRACTS = {"Month-to-month", "One year", "Two year"};

    private DriftData() {
    }

    static String csv(int rows, long seed, double chargesShiftInSd, double[] contractShares) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            int tenure = random.nextInt(73);
            double charges = Math.round((65 + 20 * (random.nextGaussian() + chargesShiftInSd)) * 100) / 100.0;
            double u = random.nextDouble();
            int c = u < contractShares[0] ? 0 : u < contractShares[0] + contractShares[1] ? 1 : 2;
            boolean partner = random.nextBoolean();
            boolean churn = random.nextDouble() < 0.25;
            out.append(String.format(Locale.ROOT, "C%06d", i)).append(',')
                    .append(random.nextDouble() < 0.05 ? "" : Integer.toString(tenure)).append(',')
                    .append(charges).append(',')
                    .append(CONTRACTS[c]).append(',')
                    .append(partner ? "Yes" : "No").append(',')
                    .append(churn ? "Yes" : "No").append('\n');
        }
        return out.toString();
    }

    /** A table with its own inferred schema. */
    static LabeledTable table(String csv) {
        CsvTable table = read(csv);
        return LabeledTable.of(table, TypeInference.infer(table, SPEC), SPEC, table.records());
    }

    /** A table read with {@code schema}: how current data is read with the training schema. */
    static LabeledTable table(String csv, TableSchema schema) {
        CsvTable table = read(csv);
        return LabeledTable.of(table, schema, SPEC, table.records());
    }

    static LabeledTable baseline(int rows, long seed) {
        return table(csv(rows, seed, 0, BASELINE_CONTRACT_SHARES));
    }

    private static CsvTable read(String csv) {
        return CsvReader.read(csv.getBytes(StandardCharsets.UTF_8), "drift.csv");
    }
}
