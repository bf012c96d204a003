package dev.churnops.core.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The raw event sources of an online shop, as files arrive under
 * {@code raw/<source>/dt=YYYY-MM-DD/<file>.csv}: comma-separated, a header row naming exactly these
 * columns in this order, UTF-8, timestamps as UTC instants to the second
 * ({@code 2026-03-01T14:05:09Z}). A file's partition date is the UTC date of its rows' event times.
 * Every source has a {@code customer_id}; the generator writes these layouts, data quality checks
 * them, and feature computation reads them.
 */
public enum EventSource {

    /** One row per customer, on the day the customer signs up. */
    CUSTOMERS("customers", "signup_time",
            EventColumn.id("customer_id"),
            EventColumn.timestamp("signup_time"),
            EventColumn.string("country"),
            EventColumn.string("acquisition_channel"),
            EventColumn.oneOf("membership", "none", "plus", "premium")),

    /** One row per order line; an order's lines share its id and time. */
    ORDERS("orders", "order_time",
            EventColumn.id("order_id"),
            EventColumn.id("customer_id"),
            EventColumn.timestamp("order_time"),
            EventColumn.integer("line_number", 1, 1_000),
            EventColumn.string("category"),
            EventColumn.integer("quantity", 1, 10_000),
            EventColumn.decimal("unit_price", 0, 1_000_000),
            EventColumn.decimal("discount", 0, 1),
            EventColumn.bool("returned")),

    /** One row per web or app visit. */
    SESSIONS("sessions", "session_start",
            EventColumn.id("session_id"),
            EventColumn.id("customer_id"),
            EventColumn.timestamp("session_start"),
            EventColumn.oneOf("platform", "web", "app"),
            EventColumn.integer("page_views", 0, 100_000),
            EventColumn.integer("product_views", 0, 100_000),
            EventColumn.optionalString("top_category")),

    /** Marketing e-mail events: a send, then maybe an open and a click. */
    EMAILS("emails", "event_time",
            EventColumn.id("email_id"),
            EventColumn.id("customer_id"),
            EventColumn.timestamp("event_time"),
            EventColumn.string("campaign"),
            EventColumn.oneOf("event_type", "sent", "opened", "clicked")),

    /** Support tickets: an {@code opened} event, later a {@code resolved} one with a satisfaction score. */
    TICKETS("tickets", "event_time",
            EventColumn.id("ticket_id"),
            EventColumn.id("customer_id"),
            EventColumn.timestamp("event_time"),
            EventColumn.oneOf("status", "opened", "resolved"),
            EventColumn.string("category"),
            EventColumn.optionalInteger("satisfaction", 1, 5)),

    /** Account closures: the customer has left for good. */
    CLOSURES("closures", "closed_time",
            EventColumn.id("customer_id"),
            EventColumn.timestamp("closed_time"),
            EventColumn.string("reason"));

    /** Product categories the shop sells; an unknown category is kept (and counted), not rejected. */
    public static final List<String> CATEGORIES = List.of(
            "electronics", "fashion", "home", "beauty", "sports", "books", "toys", "grocery");

    private final String sourceName;
    private final String timeColumn;
    private final List<EventColumn> columns;

    EventSource(String sourceName, String timeColumn, EventColumn... columns) {
        this.sourceName = sourceName;
        this.timeColumn = timeColumn;
        this.columns = List.of(columns);
    }

    /** The name used under {@code raw/} and in feature definitions ({@code orders}). */
    public String sourceName() {
        return sourceName;
    }

    /** The column whose instant places a row in time (and in its {@code dt=} partition). */
    public String timeColumn() {
        return timeColumn;
    }

    public List<EventColumn> columns() {
        return columns;
    }

    /** The header row, columns joined by commas. */
    public String header() {
        return columns.stream().map(EventColumn::name).collect(Collectors.joining(","));
    }

    /** Index of {@code column} in the header; fails naming the source's columns when it has no such column. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("source '" + sourceName + "' has no column '" + column + "': its columns are "
                + columns.stream().map(EventColumn::name).toList());
    }

    public static Optional<EventSource> find(String sourceName) {
        return Arrays.stream(values()).filter(s -> s.sourceName.equals(sourceName)).findFirst();
    }

    /** The source named {@code sourceName}; fails naming the known sources. */
    public static EventSource of(String sourceName) {
        return find(sourceName).orElseThrow(() -> new IllegalArgumentException("unknown event source '" + sourceName
                + "': expected one of " + names()));
    }

    public static Set<String> names() {
        return Arrays.stream(values()).map(EventSource::sourceName).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
