package dev.churnops.local.generate;

import java.time.LocalDate;

/**
 * What to generate: customers at the start, days, seed, first day, an optional scenario from a
 * date, and the rate of defective rows. Validates itself; messages name the command-line option.
 *
 * @param customers customers already signed up when the period starts (1 to 5,000,000)
 * @param days days to generate from {@code start} (1 to 1,830)
 * @param scenario the scenario, or null for none
 * @param scenarioFrom the first day the scenario acts; null without a scenario
 * @param defectRate defective rows injected per valid row written (0 to 0.1)
 */
public record GeneratorConfig(int customers, int days, long seed, LocalDate start, Scenario scenario, LocalDate scenarioFrom,
                              double defectRate) {

    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 1);
    public static final double DEFAULT_DEFECT_RATE = 0.0005;
    public static final int MAX_CUSTOMERS = 5_000_000;
    public static final int MAX_DAYS = 1_830;

    public GeneratorConfig {
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("--customers " + customers + ": expected a whole number from 1 to " + MAX_CUSTOMERS);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("--days " + days + ": expected a whole number from 1 to " + MAX_DAYS);
        }
        if (start == null) {
            throw new IllegalArgumentException("--start is missing: expected a date YYYY-MM-DD");
        }
        if (start.getYear() < 1972 || start.plusDays(days + 800L).getYear() > 9000) {
            throw new IllegalArgumentException("--start " + start + ": expected a date from 1972 to 8990");
        }
        if (scenario == null && scenarioFrom != null) {
            throw new IllegalArgumentException("--from " + scenarioFrom + " needs --scenario: expected one of " + Scenario.names());
        }
        if (scenario != null) {
            if (scenarioFrom == null) {
                scenarioFrom = start.plusDays(days / 2);
            }
            if (scenarioFrom.isBefore(start) || !scenarioFrom.isBefore(start.plusDays(days))) {
                throw new IllegalArgumentException("--from " + scenarioFrom + " is outside the generated period: expected a date from "
                        + start + " to " + start.plusDays(days - 1L));
            }
        }
        if (!(defectRate >= 0 && defectRate <= 0.1)) {
            throw new IllegalArgumentException("--defect-rate " + defectRate + ": expected a rate from 0 to 0.1");
        }
    }

    /** No scenario, the default start and defect rate. */
    public static GeneratorConfig of(int customers, int days, long seed) {
        return new GeneratorConfig(customers, days, seed, DEFAULT_START, null, null, DEFAULT_DEFECT_RATE);
    }

    /** The last generated day. */
    public LocalDate end() {
        return start.plusDays(days - 1L);
    }

    /** Day index (0 = start) from which the scenario acts; past the end without a scenario. */
    int scenarioDay() {
        return scenario == null ? Integer.MAX_VALUE : (int) (scenarioFrom.toEpochDay() - start.toEpochDay());
    }
}
