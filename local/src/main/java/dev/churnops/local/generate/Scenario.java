package dev.churnops.local.generate;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A change in the shop's world that starts on a date, for rehearsing drift detection and
 * retraining: what it does to customers, and which sources and columns it shifts (written into
 * {@code generator.json} so monitoring results can be checked against it). Nothing changes before
 * its date: the days before are byte-identical to a run without the scenario.
 */
public enum Scenario {

    PRICE_INCREASE("price-increase",
            "Prices go up 15% across the catalogue; customers order about 20% less often, and price-sensitive customers "
                    + "(those who rarely get a discount) start leaving more often.",
            List.of(
                    new Shift("orders", "unit_price", "mean up 15% in every category"),
                    new Shift("orders", "order_time", "orders per active customer down about 20%"),
                    new Shift("closures", "reason", "more too_expensive"),
                    new Shift("churn", "leaving hazard", "times 1 + 1.5 x price sensitivity"))),

    APP_OUTAGE("app-outage",
            "The mobile app breaks: 85% of app visits fail, half of the failed visitors come back on the web, app users "
                    + "open many more support tickets (category app) with worse satisfaction, and app-first customers leave "
                    + "more often. It lasts to the end of the generated period.",
            List.of(
                    new Shift("sessions", "platform", "app share of sessions falls by about 85% (relative)"),
                    new Shift("sessions", "session_start", "sessions per customer down (only half of failed app visits move to web)"),
                    // An order is placed in a session of its day, so a day whose visits all failed loses its order.
                    new Shift("orders", "order_time", "orders down for app users: a day's order is lost with its failed visits"),
                    new Shift("tickets", "category", "many more app tickets"),
                    new Shift("tickets", "satisfaction", "lower for app tickets"),
                    new Shift("churn", "leaving hazard", "times 1 + 1.5 x app preference"))),

    COMPETITOR_PROMO("competitor-promo",
            "A competitor runs an aggressive promotion: customers start leaving 2.2 times as often, order 15% less and "
                    + "open 30% fewer marketing e-mails; leavers who close their account mostly name the alternative.",
            List.of(
                    new Shift("emails", "event_type", "opened per sent down about 30%"),
                    new Shift("orders", "order_time", "orders per active customer down about 15%"),
                    new Shift("closures", "reason", "more found_alternative"),
                    new Shift("churn", "leaving hazard", "times 2.2"))),

    NEW_ACQUISITION_CHANNEL("new-acquisition-channel",
            "The shop starts buying customers through influencers: signups grow 40%, and 45% of new signups come from a "
                    + "channel value never seen before, 'influencer'. They use the app a lot, browse more, convert less, "
                    + "are price-sensitive, rarely take a membership and leave about twice as often.",
            List.of(
                    new Shift("customers", "acquisition_channel", "new value 'influencer' (about 45% of new signups)"),
                    new Shift("customers", "membership", "more none among new signups"),
                    new Shift("customers", "signup_time", "signups per day up 40%"),
                    new Shift("sessions", "platform", "more app among new customers"),
                    new Shift("churn", "leaving hazard", "about 2x for influencer customers")));

    /** One column (or churn quantity) a scenario moves, and how. */
    public record Shift(String source, String column, String change) {
    }

    private final String scenarioName;
    private final String description;
    private final List<Shift> shifts;

    Scenario(String scenarioName, String description, List<Shift> shifts) {
        this.scenarioName = scenarioName;
        this.description = description;
        this.shifts = shifts;
    }

    /** The name given on the command line ({@code app-outage}). */
    public String scenarioName() {
        return scenarioName;
    }

    public String description() {
        return description;
    }

    public List<Shift> shifts() {
        return shifts;
    }

    /** The scenario called {@code name}; fails naming the known ones. */
    public static Scenario of(String name) {
        return Arrays.stream(values()).filter(s -> s.scenarioName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--scenario '" + name + "' is not a known scenario: expected one of "
                        + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(Scenario::scenarioName).collect(Collectors.joining(", "));
    }
}
