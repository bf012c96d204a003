package dev.churnops.core.quality;

import dev.churnops.core.events.EventColumn;
import dev.churnops.core.events.EventSource;
import dev.churnops.core.events.EventTime;
import dev.churnops.core.validation.RejectedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a raw event file of one {@link EventSource} row by row and sorts every row into kept or
 * quarantined, never dropped. The header must be the source's header exactly; otherwise every row
 * is quarantined with the header problem. A row is checked for its cell count, each cell against
 * its {@link EventColumn} (kind, range, allowed values), its event time against the file's
 * {@code dt=} partition and the clock's now, its customer against the {@link KnownCustomers}
 * (known, and signed up before the event; for {@code customers} itself: not yet known), and its key
 * against the rows kept before it. Every reason names the column, the value and what was expected.
 *
 * <p>The file is scanned as bytes, without regular expressions or a string per cell: a day of
 * events is millions of rows. Cells may be quoted as RFC 4180 says (a quoted cell may hold commas,
 * doubled quotes and line breaks); lines may end with LF or CRLF.
 */
public final class EventValidator {

    /** A signup time no customer has: the customer is unknown. */
    private static final long UNKNOWN = Long.MIN_VALUE;

    /** Longest value shown in a reason; a longer one is cut and marked. */
    private static final int SHOWN = 60;

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final KnownCustomers customers;
    private final Clock clock;

    /**
     * @param customers who has signed up, and when; {@link KnownCustomers#NOBODY} only where the
     *                  caller has no customer state yet, knowing that it quarantines every event
     * @param clock     the clock whose now no event may be after
     */
    public EventValidator(KnownCustomers customers, Clock clock) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The columns whose values identify a row of {@code source}: no two kept rows of a file share them. */
    public static List<String> uniqueKey(EventSource source) {
        return switch (source) {
            case CUSTOMERS, CLOSURES -> List.of("customer_id");
            case ORDERS -> List.of("order_id", "line_number");
            case SESSIONS -> List.of("session_id");
            case EMAILS -> List.of("email_id", "event_type");
            case TICKETS -> List.of("ticket_id", "status");
        };
    }

    /**
     * Checks {@code raw}, the bytes of {@code raw/<source>/dt=<partition>/<fileName>}.
     *
     * @return the kept rows, the quarantined ones with reasons, and counts; never throws for bad data
     */
    public EventValidation validate(EventSource source, LocalDate partition, String fileName, byte[] raw) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(raw, "raw");
        return new Run(source, partition, fileName, raw, customers, clock.instant().getEpochSecond()).check();
    }

    /**
     * Quarantines every row of a file that cannot be checked at all (its source is unknown, say),
     * each with {@code reason}, counted under {@code rule}; the first line is taken as the header.
     */
    public static EventValidation rejectAll(String sourceName, String fileName, byte[] raw, EventRule rule, String reason) {
        Scanner scanner = new Scanner(raw);
        String header = scanner.atEnd() ? "" : scanner.nextHeader();
        List<RejectedRecord> rejected = new ArrayList<>();
        while (!scanner.atEnd()) {
            scanner.next();
            rejected.add(new RejectedRecord(scanner.line, scanner.recordText(), List.of(reason)));
        }
        Map<String, Integer> counts = zeroCounts();
        counts.put(rule.key(), rejected.size());
        return new EventValidation(sourceName, fileName, header, rejected.size(), 0, new byte[0], rejected, counts,
                List.of(reason));
    }

    private static Map<String, Integer> zeroCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (EventRule rule : EventRule.values()) {
            counts.put(rule.key(), 0);
        }
        return counts;
    }

    /** One file being checked: the state of a scan, kept off the validator so that it stays shareable. */
    private static final class Run {

        private final EventSource source;
        private final LocalDate partition;
        private final String fileName;
        private final byte[] raw;
        private final KnownCustomers customers;
        private final long now;
        private final EventColumn[] columns;
        private final byte[][] allowed;
        private final int customerColumn;
        private final int timeColumn;
        private final int[] keyColumns;
        private final Scanner scanner;
        private final RawText text;
        private final int[] ruleRows = new int[EventRule.values().length];
        private final ByteKeyTable keptKeys;
        private final int[] keyFrom;
        private final int[] keyTo;
        /** Signup per customer id met in this file ({@link #UNKNOWN} when unknown): the customers are asked once each. */
        private final ByteKeyTable signups;
        private final int[] customerFrom = new int[1];
        private final int[] customerTo = new int[1];
        private List<String> reasons;
        private int ruleMask;

        Run(EventSource source, LocalDate partition, String fileName, byte[] raw, KnownCustomers customers, long now) {
            this.source = source;
            this.partition = partition;
            this.fileName = fileName;
            this.raw = raw;
            this.customers = customers;
            this.now = now;
            this.columns = source.columns().toArray(new EventColumn[0]);
            this.allowed = new byte[columns.length][];
            this.customerColumn = source.indexOf("customer_id");
            this.timeColumn = source.indexOf(source.timeColumn());
            this.keyColumns = uniqueKey(source).stream().mapToInt(source::indexOf).toArray();
            this.scanner = new Scanner(raw);
            this.text = new RawText(raw);
            this.keptKeys = new ByteKeyTable(raw, keyColumns.length);
            this.keyFrom = new int[keyColumns.length];
            this.keyTo = new int[keyColumns.length];
            this.signups = new ByteKeyTable(raw, 1);
        }

        EventValidation check() {
            if (scanner.atEnd()) {
                String problem = source.sourceName() + " file " + fileName + " is empty: expected the header '"
                        + source.header() + "' and rows";
                return new EventValidation(source.sourceName(), fileName, "", 0, 0, new byte[0], List.of(), zeroCounts(),
                        List.of(problem));
            }
            int headerStart = scanner.recordStart();
            String header = scanner.nextHeader();
            List<String> headerProblems = headerProblems(headerStart);
            if (!headerProblems.isEmpty()) {
                return rejectAllRows(header, headerProblems);
            }
            Output valid = new Output(raw.length + 16);
            valid.append(raw, headerStart, scanner.recordEnd);
            List<RejectedRecord> rejected = new ArrayList<>();
            int rowsIn = 0;
            int rowsValid = 0;
            while (!scanner.atEnd()) {
                scanner.next();
                rowsIn++;
                reasons = null;
                ruleMask = 0;
                checkRow();
                if (reasons == null) {
                    rowsValid++;
                    valid.append(raw, scanner.start, scanner.recordEnd);
                } else {
                    rejected.add(new RejectedRecord(scanner.line, scanner.recordText(), reasons));
                    for (EventRule rule : EventRule.values()) {
                        if ((ruleMask & (1 << rule.ordinal())) != 0) {
                            ruleRows[rule.ordinal()]++;
                        }
                    }
                }
            }
            Map<String, Integer> counts = zeroCounts();
            for (EventRule rule : EventRule.values()) {
                counts.put(rule.key(), ruleRows[rule.ordinal()]);
            }
            return new EventValidation(source.sourceName(), fileName, header, rowsIn, rowsValid, valid.bytes(), rejected,
                    counts, List.of());
        }

        /** Every row quarantined for the file's own problems: nothing in it can be trusted to line up. */
        private EventValidation rejectAllRows(String header, List<String> problems) {
            List<RejectedRecord> rejected = new ArrayList<>();
            while (!scanner.atEnd()) {
                scanner.next();
                rejected.add(new RejectedRecord(scanner.line, scanner.recordText(), problems));
            }
            Map<String, Integer> counts = zeroCounts();
            counts.put(EventRule.UNUSABLE_FILE.key(), rejected.size());
            return new EventValidation(source.sourceName(), fileName, header, rejected.size(), 0, new byte[0], rejected,
                    counts, problems);
        }

        /** What is wrong with the header just scanned: missing, unexpected, or reordered columns. */
        private List<String> headerProblems(int headerStart) {
            List<String> actual = new ArrayList<>();
            for (int c = 0; c < scanner.cells; c++) {
                actual.add(scanner.cellText(c));
            }
            List<String> expected = source.columns().stream().map(EventColumn::name).toList();
            if (actual.equals(expected) && scanner.malformed == null) {
                return List.of();
            }
            String what = "the header of " + source.sourceName() + " file " + fileName;
            String wanted = ": expected the header '" + source.header() + "'";
            List<String> problems = new ArrayList<>();
            if (scanner.malformed != null) {
                problems.add(what + " " + scanner.malformed + wanted);
            }
            for (String column : expected) {
                if (!actual.contains(column)) {
                    problems.add(what + " is missing column '" + column + "'" + wanted);
                }
            }
            for (String column : actual) {
                if (!expected.contains(column)) {
                    problems.add(what + " has unexpected column '" + shown(column) + "'" + wanted);
                }
            }
            if (problems.isEmpty()) {
                // Same names, yet not the expected list: the order differs, or a column is repeated.
                problems.add(what + " is '" + shown(new String(raw, headerStart, scanner.recordEnd - headerStart,
                        StandardCharsets.UTF_8)) + "', its columns out of order or repeated" + wanted);
            }
            return problems;
        }

        private void checkRow() {
            if (scanner.malformed != null) {
                reject(EventRule.MALFORMED_VALUE, "the row " + scanner.malformed + ": expected " + columns.length
                        + " cells separated by commas");
                return;
            }
            if (scanner.cells != columns.length) {
                if (scanner.recordEnd == scanner.start) {
                    reject(EventRule.COLUMN_COUNT, "the line is blank: expected " + columns.length + " cells ("
                            + source.header() + ")");
                } else {
                    reject(EventRule.COLUMN_COUNT, "the row has " + scanner.cells + (scanner.cells == 1 ? " cell" : " cells")
                            + ": expected " + columns.length + " (" + source.header() + ")");
                }
                return;
            }
            long time = Long.MIN_VALUE;
            for (int c = 0; c < columns.length; c++) {
                long t = checkCell(c);
                if (c == timeColumn) {
                    time = t;
                }
            }
            if (time != Long.MIN_VALUE) {
                checkTime(time);
            }
            if (!scanner.isEmpty(customerColumn)) {
                checkCustomer(signupOf(customerColumn), time);
            }
            checkKey();
        }

        /** Checks cell {@code c}; returns its epoch seconds for a valid timestamp, {@code Long.MIN_VALUE} otherwise. */
        private long checkCell(int c) {
            EventColumn column = columns[c];
            int from = scanner.cellStart[c];
            int to = scanner.cellEnd[c];
            if (from == to) {
                if (column.required()) {
                    reject(EventRule.MISSING_VALUE, "column '" + column.name() + "' is empty: expected "
                            + expectation(column));
                }
                return Long.MIN_VALUE;
            }
            if (scanner.cellEscaped[c]) {
                // A doubled quote inside: only free text can hold one, so compare its unescaped value.
                if (column.kind() == EventColumn.Kind.STRING || column.kind() == EventColumn.Kind.ID) {
                    checkAllowed(column, scanner.cellText(c));
                } else {
                    malformed(column, scanner.cellText(c));
                }
                return Long.MIN_VALUE;
            }
            switch (column.kind()) {
                case ID -> {
                    return Long.MIN_VALUE;
                }
                case STRING -> {
                    if (!column.allowed().isEmpty() && !isAllowed(c, from, to)) {
                        checkAllowed(column, scanner.cellText(c));
                    }
                    return Long.MIN_VALUE;
                }
                case BOOLEAN -> {
                    if (!(matches(raw, from, to, TRUE) || matches(raw, from, to, FALSE))) {
                        malformed(column, scanner.cellText(c));
                    }
                    return Long.MIN_VALUE;
                }
                case INTEGER -> {
                    checkInteger(column, from, to);
                    return Long.MIN_VALUE;
                }
                case DECIMAL -> {
                    checkDecimal(column, from, to);
                    return Long.MIN_VALUE;
                }
                case TIMESTAMP -> {
                    try {
                        return EventTime.parse(text, from, to);
                    } catch (IllegalArgumentException e) {
                        reject(EventRule.MALFORMED_VALUE, "column '" + column.name() + "': " + e.getMessage());
                        return Long.MIN_VALUE;
                    }
                }
                default -> throw new IllegalStateException("column kind " + column.kind() + " has no check");
            }
        }

        private boolean isAllowed(int c, int from, int to) {
            byte[] values = allowedBytes(c);
            // values holds each allowed value followed by a comma; none of them contains one.
            int start = 0;
            for (int i = 0; i < values.length; i++) {
                if (values[i] == ',') {
                    if (i - start == to - from && Arrays.equals(values, start, i, raw, from, to)) {
                        return true;
                    }
                    start = i + 1;
                }
            }
            return false;
        }

        private byte[] allowedBytes(int c) {
            if (allowed[c] == null) {
                StringBuilder joined = new StringBuilder();
                columns[c].allowed().stream().sorted().forEach(v -> joined.append(v).append(','));
                allowed[c] = joined.toString().getBytes(StandardCharsets.UTF_8);
            }
            return allowed[c];
        }

        private void checkAllowed(EventColumn column, String value) {
            if (!column.allowed().isEmpty() && !column.allowed().contains(value)) {
                reject(EventRule.NOT_ALLOWED, "column '" + column.name() + "' has '" + shown(value) + "': expected one of "
                        + column.allowed().stream().sorted().toList());
            }
        }

        private void checkInteger(EventColumn column, int from, int to) {
            int i = from;
            boolean negative = raw[i] == '-';
            if (negative || raw[i] == '+') {
                i++;
            }
            // 18 digits always fit in a long; the ranges of the sources are far smaller.
            if (i == to || to - i > 18) {
                malformed(column, new String(raw, from, to - from, StandardCharsets.UTF_8));
                return;
            }
            long value = 0;
            for (; i < to; i++) {
                int d = raw[i] - '0';
                if (d < 0 || d > 9) {
                    malformed(column, new String(raw, from, to - from, StandardCharsets.UTF_8));
                    return;
                }
                value = value * 10 + d;
            }
            checkRange(column, negative ? -value : value, from, to);
        }

        private void checkDecimal(EventColumn column, int from, int to) {
            int i = from;
            boolean negative = raw[i] == '-';
            if (negative || raw[i] == '+') {
                i++;
            }
            long mantissa = 0;
            int digits = 0;
            int fraction = 0;
            boolean point = false;
            boolean exponent = false;
            for (; i < to; i++) {
                byte b = raw[i];
                if (b >= '0' && b <= '9') {
                    if (digits < 18) {
                        mantissa = mantissa * 10 + (b - '0');
                    }
                    digits++;
                    if (point) {
                        fraction++;
                    }
                } else if (b == '.' && !point) {
                    point = true;
                } else if ((b == 'e' || b == 'E') && digits > 0) {
                    exponent = true;
                    break;
                } else {
                    malformed(column, new String(raw, from, to - from, StandardCharsets.UTF_8));
                    return;
                }
            }
            if (digits == 0) {
                malformed(column, new String(raw, from, to - from, StandardCharsets.UTF_8));
                return;
            }
            double value;
            if (!exponent && digits <= 15 && fraction < POWERS_OF_TEN.length) {
                // Both operands are exact doubles, so the one division is correctly rounded, as
                // Double.parseDouble would round the same text.
                value = mantissa / POWERS_OF_TEN[fraction];
                value = negative ? -value : value;
            } else {
                if (exponent && !isExponent(i + 1, to)) {
                    malformed(column, new String(raw, from, to - from, StandardCharsets.UTF_8));
                    return;
                }
                value = Double.parseDouble(new String(raw, from, to - from, StandardCharsets.ISO_8859_1));
                if (!Double.isFinite(value)) {
                    malformed(column, new String(raw, from, to - from, StandardCharsets.UTF_8));
                    return;
                }
            }
            checkRange(column, value, from, to);
        }

        private boolean isExponent(int from, int to) {
            int i = from;
            if (i < to && (raw[i] == '-' || raw[i] == '+')) {
                i++;
            }
            if (i == to) {
                return false;
            }
            for (; i < to; i++) {
                if (raw[i] < '0' || raw[i] > '9') {
                    return false;
                }
            }
            return true;
        }

        private void checkRange(EventColumn column, double value, int from, int to) {
            if (value < column.min() || value > column.max()) {
                reject(EventRule.OUT_OF_RANGE, "column '" + column.name() + "' has "
                        + new String(raw, from, to - from, StandardCharsets.UTF_8) + ": expected " + range(column));
            }
        }

        private void checkTime(long time) {
            String column = source.timeColumn();
            if (EventTime.epochDay(time) != partition.toEpochDay()) {
                reject(EventRule.OUTSIDE_PARTITION, "column '" + column + "' has " + EventTime.format(time)
                        + ": its UTC date " + LocalDate.ofEpochDay(EventTime.epochDay(time))
                        + " is not the file's partition dt=" + partition);
            }
            if (time > now) {
                reject(EventRule.FUTURE_TIME, "column '" + column + "' has " + EventTime.format(time)
                        + ": expected a time no later than now, " + EventTime.format(now));
            }
        }

        /** The signup time of the customer in cell {@code c}, or {@link #UNKNOWN}. */
        private long signupOf(int c) {
            if (scanner.cellEscaped[c]) {
                // Rare enough to skip the table, whose keys are raw bytes rather than unescaped text.
                return customers.signupTime(scanner.cellText(c)).orElse(UNKNOWN);
            }
            customerFrom[0] = scanner.cellStart[c];
            customerTo[0] = scanner.cellEnd[c];
            int hash = signups.hash(customerFrom, customerTo);
            int entry = signups.find(hash, customerFrom, customerTo);
            if (entry >= 0) {
                return signups.value(entry);
            }
            long signup = customers.signupTime(scanner.cellText(c)).orElse(UNKNOWN);
            signups.add(hash, customerFrom, customerTo, signup);
            return signup;
        }

        private void checkCustomer(long signup, long time) {
            if (source == EventSource.CUSTOMERS) {
                if (signup != UNKNOWN) {
                    reject(EventRule.DUPLICATE_SIGNUP, "column 'customer_id' has '" + shown(scanner.cellText(customerColumn))
                            + "', a customer who already signed up at " + EventTime.format(signup)
                            + ": expected a new customer");
                }
                return;
            }
            if (signup == UNKNOWN) {
                reject(EventRule.UNKNOWN_CUSTOMER, "column 'customer_id' has '" + shown(scanner.cellText(customerColumn))
                        + "', a customer who has not signed up: expected a known customer");
            } else if (time != Long.MIN_VALUE && time < signup) {
                reject(EventRule.BEFORE_SIGNUP, "column '" + source.timeColumn() + "' has " + EventTime.format(time)
                        + ", before customer '" + shown(scanner.cellText(customerColumn)) + "' signed up at "
                        + EventTime.format(signup) + ": expected a time at or after the signup");
            }
        }

        /**
         * A key already kept is a duplicate. Only kept rows claim a key, so a duplicate of a rejected
         * row is judged on its own and the kept file never holds a key twice. Keys are compared as
         * the bytes inside their quotes, so {@code "a""b"} and an unquoted {@code a"b} count as two.
         */
        private void checkKey() {
            for (int i = 0; i < keyColumns.length; i++) {
                int k = keyColumns[i];
                if (scanner.isEmpty(k)) {
                    return;
                }
                keyFrom[i] = scanner.cellStart[k];
                keyTo[i] = scanner.cellEnd[k];
            }
            int hash = keptKeys.hash(keyFrom, keyTo);
            int entry = keptKeys.find(hash, keyFrom, keyTo);
            if (entry < 0) {
                if (reasons == null) {
                    keptKeys.add(hash, keyFrom, keyTo, scanner.line);
                }
                return;
            }
            StringBuilder message = new StringBuilder("duplicate key ");
            for (int i = 0; i < keyColumns.length; i++) {
                message.append(i == 0 ? "" : ", ").append(columns[keyColumns[i]].name()).append("='")
                        .append(shown(scanner.cellText(keyColumns[i]))).append('\'');
            }
            message.append(": already kept from line ").append(keptKeys.value(entry))
                    .append("; expected each key once per file");
            reject(EventRule.DUPLICATE_KEY, message.toString());
        }

        private void malformed(EventColumn column, String value) {
            reject(EventRule.MALFORMED_VALUE, "column '" + column.name() + "' has '" + shown(value) + "': expected "
                    + expectation(column));
        }

        private void reject(EventRule rule, String reason) {
            if (reasons == null) {
                reasons = new ArrayList<>(2);
            }
            reasons.add(reason);
            ruleMask |= 1 << rule.ordinal();
        }
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private static boolean matches(byte[] raw, int from, int to, byte[] word) {
        return to - from == word.length && Arrays.equals(raw, from, to, word, 0, word.length);
    }

    private static String expectation(EventColumn column) {
        return switch (column.kind()) {
            case ID -> "an identifier";
            case STRING -> column.allowed().isEmpty() ? "a value" : "one of " + column.allowed().stream().sorted().toList();
            case TIMESTAMP -> "a timestamp YYYY-MM-DDTHH:MM:SSZ (UTC, whole seconds)";
            case INTEGER -> "a whole number " + range(column);
            case DECIMAL -> "a finite decimal number " + range(column);
            case BOOLEAN -> "true or false";
        };
    }

    private static String range(EventColumn column) {
        return "from " + number(column.min()) + " to " + number(column.max());
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
    }

    /** The raw bytes as characters for {@link EventTime#parse}: timestamps are ASCII, anything else fails its checks. */
    private record RawText(byte[] raw) implements CharSequence {
        @Override
        public int length() {
            return raw.length;
        }

        @Override
        public char charAt(int index) {
            return (char) (raw[index] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(raw, start, end - start, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    /** A growable byte buffer of the kept rows; each appended record gets an LF. */
    private static final class Output {
        private byte[] bytes;
        private int size;

        Output(int capacity) {
            bytes = new byte[capacity];
        }

        void append(byte[] source, int from, int to) {
            int length = to - from;
            if (size + length + 1 > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length + 1));
            }
            System.arraycopy(source, from, bytes, size, length);
            size += length;
            bytes[size++] = '\n';
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    /**
     * Splits the bytes into records and cells. After {@link #next()}: the record spans
     * {@code [start, recordEnd)} without its terminator, starts on physical line {@code line}, and
     * has {@code cells} cells, cell {@code c} holding {@code [cellStart[c], cellEnd[c])} (inside the
     * quotes for a quoted cell).
     */
    static final class Scanner {
        private final byte[] raw;
        private int position;
        private long nextLine = 1;
        int start;
        int recordEnd;
        long line;
        int cells;
        int[] cellStart = new int[16];
        int[] cellEnd = new int[16];
        boolean[] cellEscaped = new boolean[16];
        /** Why the record's quoting is broken, or null. */
        String malformed;

        Scanner(byte[] raw) {
            this.raw = raw;
            if (raw.length >= 3 && raw[0] == (byte) 0xEF && raw[1] == (byte) 0xBB && raw[2] == (byte) 0xBF) {
                position = 3;
            }
        }

        boolean atEnd() {
            return position >= raw.length;
        }

        int recordStart() {
            return position;
        }

        /** Scans the header record and returns its text. */
        String nextHeader() {
            next();
            return recordText();
        }

        String recordText() {
            return new String(raw, start, recordEnd - start, StandardCharsets.UTF_8);
        }

        boolean isEmpty(int c) {
            return cellStart[c] == cellEnd[c];
        }

        /** The value of cell {@code c}, unquoted. */
        String cellText(int c) {
            String value = new String(raw, cellStart[c], cellEnd[c] - cellStart[c], StandardCharsets.UTF_8);
            return cellEscaped[c] ? value.replace("\"\"", "\"") : value;
        }

        void next() {
            int n = raw.length;
            int i = position;
            start = i;
            line = nextLine;
            cells = 0;
            malformed = null;
            long breaks = 0;
            while (true) {
                if (i < n && raw[i] == '"') {
                    int from = i + 1;
                    int j = from;
                    boolean escaped = false;
                    boolean closed = false;
                    while (j < n) {
                        byte b = raw[j];
                        if (b == '"') {
                            if (j + 1 < n && raw[j + 1] == '"') {
                                escaped = true;
                                j += 2;
                                continue;
                            }
                            closed = true;
                            break;
                        }
                        if (b == '\n') {
                            breaks++;
                        }
                        j++;
                    }
                    addCell(from, j, escaped);
                    if (!closed) {
                        malformed = "has a quoted cell " + cells + " that is not closed before the end of the file";
                        i = n;
                    } else {
                        i = j + 1;
                        if (i + 1 < n && raw[i] == '\r' && raw[i + 1] == '\n') {
                            i++;
                        }
                        if (i < n && raw[i] != ',' && raw[i] != '\n') {
                            if (malformed == null) {
                                malformed = "has text after the closing quote of cell " + cells;
                            }
                            while (i < n && raw[i] != ',' && raw[i] != '\n') {
                                i++;
                            }
                        }
                    }
                } else {
                    int from = i;
                    while (i < n) {
                        byte b = raw[i];
                        if (b == ',' || b == '\n') {
                            break;
                        }
                        i++;
                    }
                    int to = i;
                    if (i < n && raw[i] == '\n' && to > from && raw[to - 1] == '\r') {
                        to--;
                    }
                    addCell(from, to, false);
                }
                if (i >= n) {
                    recordEnd = n;
                    position = n;
                    break;
                }
                if (raw[i] == ',') {
                    i++;
                    continue;
                }
                recordEnd = i > start && raw[i - 1] == '\r' ? i - 1 : i;
                position = i + 1;
                breaks++;
                break;
            }
            nextLine = line + breaks;
        }

        private void addCell(int from, int to, boolean escaped) {
            if (cells == cellStart.length) {
                cellStart = Arrays.copyOf(cellStart, cells * 2);
                cellEnd = Arrays.copyOf(cellEnd, cells * 2);
                cellEscaped = Arrays.copyOf(cellEscaped, cells * 2);
            }
            cellStart[cells] = from;
            cellEnd[cells] = to;
            cellEscaped[cells] = escaped;
            cells++;
        }
    }
}
