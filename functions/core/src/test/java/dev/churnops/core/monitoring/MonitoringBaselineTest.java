package dev.churnops.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.churnops.core.data.ColumnRole;
import dev.churnops.core.data.ColumnSchema;
import dev.churnops.core.data.ColumnType;
import dev.churnops.core.data.LabeledTable;
import dev.churnops.core.data.TableSchema;
import dev.churnops.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitoringBaselineTest {

    /** x: 1..9 and one blank (Integral); y: fractional; color: red x6, blue x3, one blank; flag: boolean. */
    private static final LabeledTable SMALL = DriftData.table("customerID,x,y,color,flag,Churn\n"
            + "1,4,0.5,red,Yes,Yes\n2,1,1.5,blue,No,No\n3,,2.5,red,Yes,No\n4,9,-1,,No,No\n5,2,3,red,No,No\n"
            + "6,3,4,red,No,Yes\n7,5,5,blue,Yes,No\n8,6,6,red,No,No\n9,7,7,blue,No,No\n10,8,8,red,No,No\n");

    private static JsonNode feature(JsonNode document, String name) {
        for (JsonNode f : document.get("features")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name + " in " + document);
    }

    @Test
    void writesStatisticsInModelMonitorsLayout() {
        JsonNode statistics = Json.tree(MonitoringBaseline.of(SMALL).statisticsJson(), "statistics.json");
        assertEquals(0, statistics.get("version").asInt());
        assertEquals(10, statistics.at("/dataset/item_count").asLong());
        JsonNode x = feature(statistics, "x");
        assertEquals("Integral", x.get("inferred_type").asText());
        JsonNode numbers = x.get("numerical_statistics");
        assertEquals(9, numbers.at("/common/num_present").asLong());
        assertEquals(1, numbers.at("/common/num_missing").asLong());
        assertEquals(5.0, numbers.get("mean").asDouble(), 1e-12);
        assertEquals(45.0, numbers.get("sum").asDouble(), 1e-12);
        assertEquals(Math.sqrt(60.0 / 9), numbers.get("std_dev").asDouble(), 1e-12);
        assertEquals(1.0, numbers.get("min").asDouble());
        assertEquals(9.0, numbers.get("max").asDouble());
        JsonNode kll = numbers.at("/distribution/kll");
        assertTrue(kll.get("buckets").get(0).has("lower_bound"));
        assertTrue(kll.get("buckets").get(0).has("upper_bound"));
        assertTrue(kll.get("buckets").get(0).has("count"));
        assertEquals(0.64, kll.at("/sketch/parameters/c").asDouble());
        assertEquals(2048, kll.at("/sketch/parameters/k").asDouble());
        assertEquals(101, kll.at("/sketch/data/0").size());
        assertEquals("Fractional", feature(statistics, "y").get("inferred_type").asText());

        JsonNode color = feature(statistics, "color");
        assertEquals("String", color.get("inferred_type").asText());
        assertEquals(9, color.at("/string_statistics/common/num_present").asLong());
        assertEquals(1, color.at("/string_statistics/common/num_missing").asLong());
        assertEquals(2, color.at("/string_statistics/distinct_count").asLong());
        JsonNode buckets = color.at("/string_statistics/distribution/categorical/buckets");
        assertEquals("blue", buckets.get(0).get("value").asText());
        assertEquals(3, buckets.get(0).get("count").asLong());
        assertEquals("red", buckets.get(1).get("value").asText());
        assertEquals(6, buckets.get(1).get("count").asLong());
        assertEquals("String", feature(statistics, "flag").get("inferred_type").asText());
    }

    @Test
    void writesConstraintsInModelMonitorsLayout() {
        JsonNode constraints = Json.tree(MonitoringBaseline.of(SMALL).constraintsJson(), "constraints.json");
        assertEquals(0, constraints.get("version").asInt());
        JsonNode x = feature(constraints, "x");
        assertEquals("Integral", x.get("inferred_type").asText());
        assertEquals(0.9, x.get("completeness").asDouble(), 1e-12);
        assertTrue(x.at("/num_constraints/is_non_negative").asBoolean());
        assertFalse(feature(constraints, "y").at("/num_constraints/is_non_negative").asBoolean());
        JsonNode color = feature(constraints, "color");
        assertEquals(List.of("blue", "red"), List.of(color.at("/string_constraints/domains/0").asText(),
                color.at("/string_constraints/domains/1").asText()));
        assertTrue(color.has("monitoringConfigOverrides"));
        JsonNode config = constraints.get("monitoring_config");
        assertEquals("Enabled", config.get("evaluate_constraints").asText());
        assertEquals("Enabled", config.get("emit_metrics").asText());
        assertEquals(0.1, config.get("datatype_check_threshold").asDouble());
        assertEquals(0.1, config.get("domain_content_threshold").asDouble());
        JsonNode distribution = config.get("distribution_constraints");
        for (String field : List.of("perform_comparison", "comparison_threshold", "comparison_method",
                "categorical_comparison_threshold", "categorical_drift_method")) {
            assertTrue(distribution.has(field), field);
        }
    }

    @Test
    void givesAFewValuedColumnOneBucketPerValue() {
        BaselineStatistics.Kll kll = MonitoringBaseline.of(SMALL).statistics().feature("x").orElseThrow()
                .numericalStatistics().distribution().kll();
        assertEquals(9, kll.buckets().size());
        assertEquals(new BaselineStatistics.KllBucket(1, 1, 1), kll.buckets().get(0));
        assertEquals(new BaselineStatistics.KllBucket(1, 2, 1), kll.buckets().get(1));
        assertEquals(new BaselineStatistics.KllBucket(8, 9, 1), kll.buckets().get(8));
    }

    @Test
    void cutsAManyValuedColumnAtItsDeciles() {
        LabeledTable table = DriftData.baseline(2000, 11);
        BaselineStatistics.Feature charges = MonitoringBaseline.of(table).statistics().feature("MonthlyCharges").orElseThrow();
        List<BaselineStatistics.KllBucket> buckets = charges.numericalStatistics().distribution().kll().buckets();
        assertEquals(10, buckets.size());
        long total = buckets.stream().mapToLong(BaselineStatistics.KllBucket::count).sum();
        assertEquals(2000, total);
        for (BaselineStatistics.KllBucket b : buckets) {
            assertEquals(200, b.count(), 2, "each decile bucket holds a tenth of the values: " + b);
        }
        assertEquals(charges.numericalStatistics().min(), buckets.get(0).lowerBound());
        assertEquals(charges.numericalStatistics().max(), buckets.get(9).upperBound());
        List<Double> percentiles = charges.numericalStatistics().distribution().kll().sketch().data().get(0);
        assertEquals(charges.numericalStatistics().min(), percentiles.get(0));
        assertEquals(charges.numericalStatistics().max(), percentiles.get(100));
    }

    @Test
    void nearestRankQuantilesAreObservedValues() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(1, NumericBuckets.nearestRank(sorted, 0, 100));
        assertEquals(1, NumericBuckets.nearestRank(sorted, 10, 100));
        assertEquals(5, NumericBuckets.nearestRank(sorted, 50, 100));
        assertEquals(8, NumericBuckets.nearestRank(sorted, 71, 100));
        assertEquals(10, NumericBuckets.nearestRank(sorted, 100, 100));
        // Values below the first bound land in the first bucket, above the last in the last.
        assertArrayEquals(new double[] {2, 1, 2}, NumericBuckets.counts(new double[] {1, 2, 3},
                new double[] {-5, 1, 1.5, 3, 99, Double.NaN}));
    }

    @Test
    void keepsTheScoreDistributionAsAnExtraFeature() {
        double[] scores = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, Double.NaN};
        MonitoringBaseline baseline = MonitoringBaseline.of(SMALL, scores);
        assertTrue(baseline.hasScores());
        BaselineStatistics.Feature score = baseline.statistics().feature(MonitoringBaseline.SCORE_FEATURE).orElseThrow();
        assertEquals(InferredType.FRACTIONAL, score.inferredType());
        assertEquals(9, score.common().numPresent());
        assertEquals(0.5, score.numericalStatistics().mean(), 1e-12);
        assertFalse(MonitoringBaseline.of(SMALL).hasScores());
    }

    @Test
    void refusesAFeatureNamedLikeTheScore() {
        LabeledTable clash = DriftData.table("customerID,churn_probability,Churn\n1,0.5,Yes\n2,0.25,No\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitoringBaseline.of(clash, new double[] {0.1, 0.2}));
        assertTrue(e.getMessage().contains("'churn_probability'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MonitoringBaseline.of(clash));
    }

    @Test
    void sameDataGivesTheSameBytesAndReadsBackToThem() {
        LabeledTable table = DriftData.baseline(500, 3);
        double[] scores = new double[table.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (i % 97) / 97.0;
        }
        MonitoringBaseline first = MonitoringBaseline.of(table, scores);
        MonitoringBaseline again = MonitoringBaseline.of(DriftData.baseline(500, 3), scores.clone());
        assertArrayEquals(first.statisticsJson(), again.statisticsJson());
        assertArrayEquals(first.constraintsJson(), again.constraintsJson());
        MonitoringBaseline read = MonitoringBaseline.read(first.statisticsJson(), first.constraintsJson());
        assertArrayEquals(first.statisticsJson(), read.statisticsJson());
        assertArrayEquals(first.constraintsJson(), read.constraintsJson());
    }

    @Test
    void describesAColumnWithoutValues() {
        TableSchema schema = new TableSchema(List.of(new ColumnSchema("customerID", ColumnType.CATEGORICAL, ColumnRole.ID),
                new ColumnSchema("x", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new ColumnSchema("Churn", ColumnType.CATEGORICAL, ColumnRole.LABEL)));
        LabeledTable table = DriftData.table("customerID,x,Churn\n1,,Yes\n2,,No\n", schema);
        MonitoringBaseline baseline = MonitoringBaseline.of(table);
        BaselineStatistics.NumericalStatistics x = baseline.statistics().feature("x").orElseThrow().numericalStatistics();
        assertEquals(0, x.common().numPresent());
        assertEquals(2, x.common().numMissing());
        assertNull(x.mean());
        assertNull(x.distribution());
        assertEquals(0.0, baseline.constraints().feature("x").orElseThrow().completeness());
    }

    @Test
    void namesTheDocumentThatIsNotValid() {
        MonitoringBaseline baseline = MonitoringBaseline.of(SMALL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitoringBaseline.read(baseline.statisticsJson(), "{\"version\": 0}".getBytes()));
        assertTrue(e.getMessage().contains("constraints.json"), e.getMessage());
    }
}
