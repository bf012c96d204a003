package dev.churnops.local.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.churnops.core.events.EventSource;
import dev.churnops.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code generator.json}: the parameters of a generation, what it wrote (rows per source, events,
 * files, bytes, defects by kind), the scenario with its date and the columns it shifts, and the
 * churn drivers in words and as the feature-like quantities they act on, so a model's findings and
 * a monitor's alerts can be checked against what the data really holds. Keys keep their order.
 */
public final class GeneratorManifest {

    public static final String FILE_NAME = "generator.json";
    /** The label the feature side computes, stated once so the manifest and tests agree. */
    public static final String CHURN_LABEL = "no order and no session in the 30 days after a cutoff, or an account closure "
            + "in those days";

    private GeneratorManifest() {
    }

    /** Writes {@code generator.json} into {@code dir} and returns its path. */
    public static Path write(GenerationResult result, Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        Files.write(file, toJson(result).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    public static String toJson(GenerationResult result) {
        try {
            return Json.mapper().writer().without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .withDefaultPrettyPrinter().writeValueAsString(content(result)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write generator.json", e);
        }
    }

    /** The {@code parameters} object of the manifest: what decides every byte generated. */
    public static Map<String, Object> parameters(GeneratorConfig config) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("customers", config.customers());
        parameters.put("days", config.days());
        parameters.put("seed", config.seed());
        parameters.put("start", config.start().toString());
        parameters.put("end", config.end().toString());
        parameters.put("scenario", config.scenario() == null ? null : config.scenario().scenarioName());
        parameters.put("from", config.scenarioFrom() == null ? null : config.scenarioFrom().toString());
        parameters.put("defect_rate", config.defectRate());
        return parameters;
    }

    /** The manifest as ordered maps and lists. */
    public static Map<String, Object> content(GenerationResult result) {
        GeneratorConfig config = result.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", 1);
        m.put("generator", "churnops generate");

        m.put("parameters", parameters(config));
        m.put("layout", "raw/<source>/dt=YYYY-MM-DD/part-00000.csv, partition = UTC date of the row's event time; "
                + "columns as in the header row");

        GenerationResult.Outcomes o = result.outcomes();
        Map<String, Object> customers = new LinkedHashMap<>();
        customers.put("at_start", o.customersAtStart());
        customers.put("signed_up_from", config.start().minusDays(ShopModel.HISTORY_DAYS).toString());
        customers.put("signups_during_period", o.signups());
        customers.put("new_channel_signups", o.newChannelSignups());
        customers.put("total", o.customersAtStart() + o.signups());
        m.put("customers", customers);

        Map<String, Object> rows = new LinkedHashMap<>();
        for (EventSource source : EventSource.values()) {
            rows.put(source.sourceName(), result.rows().get(source));
        }
        m.put("rows", rows);
        m.put("events", result.events());
        m.put("files", result.files());
        m.put("bytes", result.bytes());

        Map<String, Object> defects = new LinkedHashMap<>();
        defects.put("rate", config.defectRate());
        defects.put("total", result.defectTotal());
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (DefectKind kind : DefectKind.values()) {
            byKind.put(kind.key(), result.defects().get(kind));
        }
        defects.put("by_kind", byKind);
        Map<String, Object> bySource = new LinkedHashMap<>();
        for (EventSource source : EventSource.values()) {
            bySource.put(source.sourceName(), result.defectRows().get(source));
        }
        defects.put("by_source", bySource);
        defects.put("note", "defective rows are extra rows, not counted in rows or events; each has exactly one defect");
        m.put("defects", defects);

        if (config.scenario() == null) {
            m.put("scenario", null);
        } else {
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("name", config.scenario().scenarioName());
            scenario.put("from", config.scenarioFrom().toString());
            scenario.put("description", config.scenario().description());
            List<Map<String, Object>> shifts = new ArrayList<>();
            for (Scenario.Shift shift : config.scenario().shifts()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("source", shift.source());
                s.put("column", shift.column());
                s.put("change", shift.change());
                shifts.add(s);
            }
            scenario.put("shifts", shifts);
            m.put("scenario", scenario);
        }
        m.put("churn", churn(o));
        return m;
    }

    private static Map<String, Object> churn(GenerationResult.Outcomes o) {
        Map<String, Object> churn = new LinkedHashMap<>();
        churn.put("label", CHURN_LABEL);
        churn.put("process", "Each active customer may start leaving on any day with a hazard of about "
                + ShopModel.BASE_HAZARD + " a day times the drivers' multipliers; a leaver's engagement then decays over 14 "
                + "to 56 days to about 8% (fewer sessions and orders, fewer e-mail opens, three times the tickets, worse "
                + "satisfaction), after which there are no orders and no sessions; " + Math.round(ShopModel.CLOSURE_CHANCE * 100)
                + "% (more with unresolved tickets) then close their account within three weeks. Noise: active customers "
                + "also take breaks of 20 to 75 days (hazard " + ShopModel.PAUSE_HAZARD + " a day) and come back, quiet "
                + "customers have quiet months, and activity follows the weekday and a November-December peak (Black Friday "
                + "through Cyber Monday: orders x" + ShopModel.BLACK_FRIDAY_ORDERS + ").");
        List<Map<String, Object>> drivers = new ArrayList<>();
        drivers.add(driver("engagement decay before leaving",
                "sessions, orders and e-mail opens fall for weeks before activity stops",
                "days_since_last_order", "days_since_last_session", "session_frequency_trend", "order_frequency_trend",
                "email_open_rate"));
        drivers.add(driver("membership", "leaving hazard x1.5 for none, x0.85 for plus, x0.45 for premium", "membership"));
        drivers.add(driver("unresolved tickets", "x(1 + 0.6 per ticket never resolved); leavers open 3x the tickets, 22% never "
                + "resolved", "unresolved_tickets", "tickets_opened_30d"));
        drivers.add(driver("satisfaction", "x2.4 when recent satisfaction is below 2.5, x1.5 below 3.5, x0.85 otherwise; leavers "
                + "rate 1.5 points lower", "avg_satisfaction", "last_satisfaction"));
        drivers.add(driver("price sensitivity without discounts", "x(1 + 1.4 x sensitivity x (1 - recent discount / 0.12)); "
                + "price-sensitive customers seek discounts more often", "avg_discount", "discounted_order_share",
                "avg_unit_price"));
        drivers.add(driver("app use", "x1.3 when under a quarter of visits would be on the app, x0.8 when over 60%",
                "app_session_share"));
        drivers.add(driver("tenure", "x1.6 in the first 90 days after signup", "tenure_days"));
        drivers.add(driver("acquisition channel", "affiliate x1.3, paid_search x1.15, social x1.1, organic and email x0.9, "
                + "referral x0.8, influencer x1.9", "acquisition_channel"));
        drivers.add(driver("returns", "leavers return 1.6x as many lines", "return_rate"));
        churn.put("drivers", drivers);

        Map<String, Object> outcomes = new LinkedHashMap<>();
        outcomes.put("started_leaving", o.startedLeaving());
        outcomes.put("breaks_taken", o.paused());
        outcomes.put("closed_accounts", o.closedAccounts());
        Map<String, Object> atEnd = new LinkedHashMap<>();
        atEnd.put("active", o.activeAtEnd());
        atEnd.put("leaving", o.leavingAtEnd());
        atEnd.put("on_a_break", o.pausedAtEnd());
        atEnd.put("gone", o.goneAtEnd());
        atEnd.put("closed", o.closedAtEnd());
        outcomes.put("at_end", atEnd);
        churn.put("outcomes", outcomes);
        return churn;
    }

    private static Map<String, Object> driver(String name, String effect, String... features) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("driver", name);
        d.put("effect", effect);
        d.put("features", List.of(features));
        return d;
    }
}
