package dev.churnops.core.pipeline;

import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.model.ChurnModel;
import dev.churnops.core.model.ReasonCodes;
import dev.churnops.core.report.RiskiestCustomers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The riskiest customers of a split with their reason codes: ranked by the served (calibrated)
 * probability, ties by position, so the choice is deterministic; reasons are the model's top
 * positive column contributions, as the scoring API reports them.
 */
final class ExplainRiskiest {

    /** Reasons listed per customer, as many as the scoring API gives. */
    static final int REASONS = 3;

    private ExplainRiskiest() {
    }

    /**
     * The {@code count} riskiest rows of {@code table} (all when it has fewer); ids are reported
     * when {@code hasIds}, else only the row number.
     */
    static RiskiestCustomers of(ChurnModel model, LabeledTable table, boolean hasIds, int count) {
        double[][] rows = model.encoder().encode(table);
        double[] p = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            p[r] = model.probability(rows[r]);
        }
        int[] riskiest = IntStream.range(0, rows.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(r -> -p[r]).thenComparingInt(r -> r))
                .limit(count).mapToInt(Integer::intValue).toArray();
        ReasonCodes codes = new ReasonCodes(model);
        String[] ids = table.ids();
        List<RiskiestCustomers.Customer> customers = new ArrayList<>();
        for (int r : riskiest) {
            List<RiskiestCustomers.Reason> reasons = new ArrayList<>();
            double[] byColumn = codes.byColumn(rows[r]);
            if (byColumn != null) {
                for (int c : codes.top(byColumn, REASONS)) {
                    reasons.add(new RiskiestCustomers.Reason(codes.column(c), byColumn[c]));
                }
            }
            customers.add(new RiskiestCustomers.Customer(r + 1, hasIds ? ids[r] : null, p[r], reasons));
        }
        return new RiskiestCustomers(codes.explains(), codes.available() ? codes.baseValue() : null, customers);
    }
}
