package dev.churnops.core.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.churnops.core.data.Cells;
import dev.churnops.core.data.ColumnRole;
import dev.churnops.core.data.ColumnSchema;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.CsvRecord;
import dev.churnops.core.data.CsvTable;
import dev.churnops.core.data.DatasetSpec;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Captured features as the table {@link DriftDetector} compares with the baseline, plus what did
 * not fit, counted per column so that nothing is hidden. Columns are typed by the baseline's
 * statistics (Integral/Fractional as NUMERIC, String as CATEGORICAL) in the baseline's order; a
 * column the baseline does not know comes after them (sorted, NUMERIC when every value is a
 * number) so the detector reports it as an extra column; a baseline feature no record carries is
 * left out so the detector reports it as a missing column. Values: a number sent as text counts as
 * the number; text or a boolean in a NUMERIC column, and a number or boolean in a CATEGORICAL one,
 * is wrong-typed and counted — a NUMERIC column takes it as missing, a CATEGORICAL one keeps its
 * text so the unseen category shows up in drift too; a boolean feature (baseline values only
 * "true"/"false") reads yes/no, y/n, t/f and JSON booleans as "true"/"false", as training did.
 * Blank text and the default missing tokens ("NA", "null", ...) are missing, as in training data.
 * The table has no ids and a placeholder label (captured rows are not labelled); only its
 * features are meant to be read.
 *
 * @param table          the typed features, one row per captured score, in order
 * @param columns        per column of the table: type and counts
 * @param missingColumns baseline features no record carried (empty when there are no records)
 * @param extraColumns   columns the records carried that the baseline does not know
 */
public record CapturedFeatures(LabeledTable table, List<Column> columns, List<String> missingColumns,
                               List<String> extraColumns) {

    /** The label column every captured table carries in place of a real label. */
    static final String PLACEHOLDER_LABEL = "__captured_no_label";

    public CapturedFeatures {
        columns = List.copyOf(columns);
        missingColumns = List.copyOf(missingColumns);
        extraColumns = List.copyOf(extraColumns);
    }

    /**
     * One column's counts.
     *
     * @param name             the feature
     * @param type             how it was read: NUMERIC or CATEGORICAL
     * @param inBaseline       whether the baseline knows it
     * @param present          rows with a usable value
     * @param missing          rows without one: key absent, null, blank, a missing token, or a
     *                         wrong-typed value in a NUMERIC column
     * @param wrongTyped       rows whose value had the wrong JSON type for the column
     * @param unseenCategories rows of a CATEGORICAL baseline column with a value the baseline never saw
     */
    public record Column(@JsonProperty("name") String name, @JsonProperty("type") ColumnType type,
                         @JsonProperty("in_baseline") boolean inBaseline, @JsonProperty("present") long present,
                         @JsonProperty("missing") long missing, @JsonProperty("wrong_typed") long wrongTyped,
                         @JsonProperty("unseen_categories") long unseenCategories) {
    }

    /** The column called {@code name}, or null when the table has none. */
    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** Builds the table of {@code scores}' features typed by {@code baseline}. */
    public static CapturedFeatures of(List<CapturedScore> scores, MonitoringBaseline baseline) {
        if (scores == null || baseline == null) {
            throw new IllegalArgumentException("Captured features need the captured scores and the baseline that types them.");
        }
        Set<String> seen = new HashSet<>();
        for (CapturedScore s : scores) {
            seen.addAll(s.features().keySet());
        }
        List<Spec> specs = new ArrayList<>();
        List<String> missingColumns = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (BaselineStatistics.Feature f : baseline.statistics().features()) {
            if (f.name().equals(MonitoringBaseline.SCORE_FEATURE)) {
                continue;
            }
            known.add(f.name());
            if (!seen.contains(f.name())) {
                if (!scores.isEmpty()) {
                    missingColumns.add(f.name());
                }
                continue;
            }
            specs.add(Spec.baseline(f));
        }
        List<String> extraColumns = new ArrayList<>(new TreeSet<>(seen));
        extraColumns.removeAll(known);
        extraColumns.remove(MonitoringBaseline.SCORE_FEATURE);
        for (String name : extraColumns) {
            specs.add(Spec.extra(name, scores));
        }
        String label = PLACEHOLDER_LABEL;
        while (seen.contains(label)) {
            label = "_" + label;
        }

        List<List<String>> rows = new ArrayList<>(scores.size());
        for (int r = 0; r < scores.size(); r++) {
            List<String> fields = new ArrayList<>(specs.size() + 1);
            fields.add("unlabelled");
            Map<String, Object> features = scores.get(r).features();
            for (Spec spec : specs) {
                fields.add(spec.cell(features.get(spec.name)));
            }
            rows.add(fields);
        }
        List<String> header = new ArrayList<>();
        List<ColumnSchema> schema = new ArrayList<>();
        header.add(label);
        schema.add(new ColumnSchema(label, ColumnType.CATEGORICAL, ColumnRole.LABEL));
        for (Spec spec : specs) {
            header.add(spec.name);
            schema.add(new ColumnSchema(spec.name, spec.type, ColumnRole.FEATURE));
        }
        List<CsvRecord> records = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            records.add(new CsvRecord(r + 2, "", rows.get(r), null));
        }
        CsvTable csv = new CsvTable("captured scores", ',', false, String.join(",", header), header, records);
        DatasetSpec spec = DatasetSpec.builder().name("captured").labelColumn(label).positiveLabel("churned")
                .missingTokens(List.of("")).build();
        LabeledTable table = LabeledTable.of(csv, new TableSchema(schema), spec, records);
        List<Column> columns = new ArrayList<>();
        for (Spec s : specs) {
            columns.add(new Column(s.name, s.type, s.inBaseline, s.present, s.missing,
                    s.wrongTyped, s.unseen));
        }
        return new CapturedFeatures(table, columns, missingColumns, extraColumns);
    }

    /** How one column is read, and its counts so far. */
    private static final class Spec {
        final String name;
        final ColumnType type;
        final boolean inBaseline;
        /** The baseline's categories of a CATEGORICAL baseline column; null otherwise. */
        final Set<String> categories;
        final boolean bool;
        long present;
        long missing;
        long wrongTyped;
        long unseen;

        private Spec(String name, ColumnType type, boolean inBaseline, Set<String> categories) {
            this.name = name;
            this.type = type;
            this.inBaseline = inBaseline;
            this.categories = categories;
            this.bool = categories != null && !categories.isEmpty() && Set.of("true", "false").containsAll(categories);
        }

        static Spec baseline(BaselineStatistics.Feature f) {
            if (f.inferredType().numeric()) {
                return new Spec(f.name(), ColumnType.NUMERIC, true, null);
            }
            Set<String> categories = new HashSet<>();
            BaselineStatistics.StringStatistics strings = f.stringStatistics();
            if (strings != null && strings.distribution() != null && strings.distribution().categorical() != null) {
                strings.distribution().categorical().buckets().forEach(b -> categories.add(b.value()));
            }
            return new Spec(f.name(), ColumnType.CATEGORICAL, true, categories);
        }

        static Spec extra(String name, List<CapturedScore> scores) {
            boolean numeric = true;
            for (CapturedScore s : scores) {
                Object v = s.features().get(name);
                if (v instanceof Boolean || (v instanceof String text && !isMissing(text) && !Cells.isNumber(text))) {
                    numeric = false;
                    break;
                }
            }
            return new Spec(name, numeric ? ColumnType.NUMERIC : ColumnType.CATEGORICAL, false, null);
        }

        String cell(Object value) {
            String cell = type == ColumnType.NUMERIC ? number(value) : category(value);
            if (cell.isEmpty()) {
                missing++;
            } else {
                present++;
                if (categories != null && !categories.contains(cell)) {
                    unseen++;
                }
            }
            return cell;
        }

        private String number(Object value) {
            if (value instanceof Double d && Double.isFinite(d)) {
                return Cells.formatNumber(d);
            }
            if (value instanceof String text) {
                if (isMissing(text)) {
                    return "";
                }
                if (Cells.isNumber(text)) {
                    return Cells.formatNumber(Cells.parseNumber(text));
                }
            }
            if (value != null) {
                wrongTyped++;
            }
            return "";
        }

        private String category(Object value) {
            if (value == null) {
                return "";
            }
            if (value instanceof String text) {
                if (isMissing(text)) {
                    return "";
                }
                if (bool) {
                    String canonical = Cells.canonicalBoolean(text);
                    return canonical != null ? canonical : text.trim();
                }
                return text.trim();
            }
            if (value instanceof Boolean b && bool) {
                return b.toString();
            }
            wrongTyped++;
            return value instanceof Double d ? Cells.formatNumber(d) : value.toString();
        }

        private static boolean isMissing(String text) {
            return DatasetSpec.DEFAULT_MISSING_TOKENS.contains(text.trim());
        }
    }
}
