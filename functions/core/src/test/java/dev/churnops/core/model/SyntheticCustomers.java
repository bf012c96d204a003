package dev.churnops.core.model;

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
 * A seeded, Telco-shaped customer table made in the test: a numeric column with blanks (tenure), a
 * plain numeric column, a categorical column with blanks (Contract), a boolean column (Partner) and a
 * second categorical column; churn drawn from a logistic function of them, so a model has
 * something to learn. The same rows and seed always give the same text.
 */
public final class SyntheticCustomers {

    public static final DatasetSpec SPEC = DatasetSpec.builder().name("customers")
            .idColumn("customerID").labelColumn("Churn").positiveLabel("Yes").build();

    public static final String HEADER = "customerID,tenure,MonthlyCharges,Contract,Partner,PaymentMethod,Churn";

    private static final String[] CONTRACTS = {"Month-to-month", "One year", "Two year"};
    private static final String[] PAYMENTS = {"Electronic check", "Mailed check", "Bank transfer", "Credit card"};

    private SyntheticCustomers() {
    }

    /** {@code rows} customers as CSV text with a header line, ids starting at {@code firstId}. */
    public static String csv(int rows, long seed, int firstId) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            int tenure = random.nextInt(73);
            double charges = Math.round((18 + random.nextDouble() * 100) * 100) / 100.0;
            String contract = CONTRACTS[random.nextInt(CONTRACTS.length)];
            boolean partner = random.nextBoolean();
            String payment = PAYMENTS[random.nextInt(PAYMENTS.length)];
            double margin = -0.8 + (contract.equals("Month-to-month") ? 1.8 : contract.equals("One year") ? 0.2 : -1.0)
                    - 0.05 * tenure + 0.02 * (charges - 65) + (payment.equals("Electronic check") ? 0.7 : 0.0)
                    - (partner ? 0.4 : 0.0);
            boolean churn = random.nextDouble() < 1.0 / (1.0 + Math.exp(-margin));
            boolean tenureMissing = random.nextDouble() < 0.05;
            boolean contractMissing = random.nextDouble() < 0.03;
            out.append(String.format(Locale.ROOT, "C%05d", firstId + i)).append(',')
                    .append(tenureMissing ? "" : Integer.toString(tenure)).append(',')
                    .append(charges).append(',')
                    .append(contractMissing ? "" : contract).append(',')
                    .append(partner ? "Yes" : "No").append(',')
                    .append(payment).append(',')
                    .append(churn ? "Yes" : "No").append('\n');
        }
        return out.toString();
    }

    public static String csv(int rows, long seed) {
        return csv(rows, seed, 1);
    }

    /** Every row of {@code csv} as a labeled table, types inferred with {@link #SPEC}. */
    public static LabeledTable table(String csv) {
        return table(csv, SPEC);
    }

    public static LabeledTable table(String csv, DatasetSpec spec) {
        CsvTable table = CsvReader.read(csv.getBytes(StandardCharsets.UTF_8), "synthetic.csv");
        TableSchema schema = TypeInference.infer(table, spec);
        return LabeledTable.of(table, schema, spec, table.records());
    }

    public static LabeledTable table(int rows, long seed) {
        return table(csv(rows, seed));
    }

    /** Encoded rows and labels of {@code table}, with {@code encoder}. */
    public static EncodedData encoded(FeatureEncoder encoder, LabeledTable table) {
        return new EncodedData(encoder.encode(table), table.labels(), encoder.featureNames());
    }
}
