package dev.churnops.aws;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.port.OnlineFeatureStore;
import dev.churnops.core.port.TransientFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.BatchGetRecordError;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.BatchGetRecordIdentifier;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.BatchGetRecordResponse;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.BatchGetRecordResultDetail;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.FeatureValue;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.GetRecordResponse;

/**
 * The online feature store on AWS: one SageMaker Feature Store feature group per view, whose record
 * identifier is {@code customer_id} and whose event time feature is {@code event_time}. A put sends
 * one {@code PutRecord} per row with every value as a string (the event time as ISO-8601 UTC,
 * numbers in Java's round-trip form, missing values left out); the online store itself keeps, per
 * record, the one with the latest event time, which is the port's rule. {@code get} is
 * {@code GetRecord} of the view's features; {@code getAll} is {@code BatchGetRecord} in requests of
 * at most {@value #MAX_BATCH} identifiers, sending identifiers the service left unprocessed again
 * up to {@value #MAX_RETRIES} times. Values come back as Double or String by the schema. Failures
 * are sorted as {@link AwsFailures} sorts them.
 */
public final class SageMakerOnlineStore implements OnlineFeatureStore {

    /** BatchGetRecord's limit on record identifiers per request. */
    static final int MAX_BATCH = 100;
    /** How many more times identifiers left unprocessed are asked for. */
    static final int MAX_RETRIES = 3;

    private final SageMakerFeatureStoreRuntimeClient client;
    private final String featureGroup;
    private final FeatureSchema schema;
    private final List<String> featureNames;

    public SageMakerOnlineStore(SageMakerFeatureStoreRuntimeClient client, String featureGroup, FeatureSchema schema) {
        this.client = Objects.requireNonNull(client, "client");
        if (featureGroup == null || !featureGroup.matches("[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}")) {
            throw new IllegalArgumentException("feature group name '" + featureGroup + "' is not a SageMaker feature group "
                    + "name: expected 1-64 letters, digits, '-' and '_', starting and ending with a letter or digit");
        }
        this.featureGroup = featureGroup;
        this.schema = Objects.requireNonNull(schema, "schema");
        this.featureNames = schema.names();
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public void put(FeatureBatch rows) {
        if (!rows.schema().equals(schema)) {
            throw new IllegalArgumentException("feature batch of view '" + rows.schema().view() + "' with columns "
                    + rows.schema().columns() + " does not match feature group '" + featureGroup + "' of view '"
                    + schema.view() + "' with columns " + schema.columns());
        }
        for (int r = 0; r < rows.size(); r++) {
            List<FeatureValue> record = record(rows, r);
            String id = rows.entityId(r);
            try {
                client.putRecord(b -> b.featureGroupName(featureGroup).record(record));
            } catch (SdkException e) {
                throw AwsFailures.of("SageMaker Feature Store PutRecord of customer '" + id + "' into feature group '"
                        + featureGroup + "'", e);
            }
        }
    }

    List<FeatureValue> record(FeatureBatch rows, int r) {
        List<FeatureValue> record = new ArrayList<>(schema.size() + 2);
        record.add(value(FeatureSchema.ENTITY, rows.entityId(r)));
        record.add(value(FeatureSchema.EVENT_TIME, Instant.ofEpochSecond(rows.eventTime(r)).toString()));
        for (int c = 0; c < schema.size(); c++) {
            FeatureSchema.Column column = schema.columns().get(c);
            if (column.type() == FeatureSchema.ValueType.DOUBLE) {
                double v = rows.number(r, c);
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException("feature '" + column.name() + "' of customer '" + rows.entityId(r)
                            + "' is " + v + ": SageMaker Feature Store takes finite numbers only");
                }
                if (!Double.isNaN(v)) {
                    record.add(value(column.name(), Double.toString(v)));
                }
            } else {
                String v = rows.text(r, c);
                if (v != null) {
                    record.add(value(column.name(), v));
                }
            }
        }
        return record;
    }

    private static FeatureValue value(String name, String value) {
        return FeatureValue.builder().featureName(name).valueAsString(value).build();
    }

    @Override
    public Optional<Map<String, Object>> get(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        GetRecordResponse response;
        try {
            response = client.getRecord(b -> b.featureGroupName(featureGroup).recordIdentifierValueAsString(customerId)
                    .featureNames(featureNames));
        } catch (SdkException e) {
            throw AwsFailures.of("SageMaker Feature Store GetRecord of customer '" + customerId + "' from feature group '"
                    + featureGroup + "'", e);
        }
        // A customer with no record is an answer without a Record, not an error.
        return response.hasRecord() && !response.record().isEmpty()
                ? Optional.of(values(customerId, response.record())) : Optional.empty();
    }

    @Override
    public Map<String, Map<String, Object>> getAll(List<String> customerIds) {
        Set<String> unique = new LinkedHashSet<>(customerIds);
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(unique);
        for (int from = 0; from < ids.size(); from += MAX_BATCH) {
            batch(ids.subList(from, Math.min(ids.size(), from + MAX_BATCH)), found);
        }
        // The port's order: the asked order, absent customers left out.
        Map<String, Map<String, Object>> ordered = new LinkedHashMap<>();
        for (String id : unique) {
            Map<String, Object> v = found.get(id);
            if (v != null) {
                ordered.put(id, v);
            }
        }
        return ordered;
    }

    private void batch(List<String> ids, Map<String, Map<String, Object>> found) {
        List<String> pending = ids;
        for (int round = 0; ; round++) {
            List<String> asked = pending;
            BatchGetRecordResponse response;
            try {
                response = client.batchGetRecord(b -> b.identifiers(BatchGetRecordIdentifier.builder()
                        .featureGroupName(featureGroup).recordIdentifiersValueAsString(asked).featureNames(featureNames)
                        .build()));
            } catch (SdkException e) {
                throw AwsFailures.of("SageMaker Feature Store BatchGetRecord of " + asked.size()
                        + " customers from feature group '" + featureGroup + "'", e);
            }
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw recordError(response.errors().get(0), response.errors().size());
            }
            for (BatchGetRecordResultDetail detail : response.records()) {
                if (detail.hasRecord() && !detail.record().isEmpty()) {
                    found.put(detail.recordIdentifierValueAsString(),
                            values(detail.recordIdentifierValueAsString(), detail.record()));
                }
            }
            List<String> unprocessed = new ArrayList<>();
            for (BatchGetRecordIdentifier left : response.unprocessedIdentifiers()) {
                unprocessed.addAll(left.recordIdentifiersValueAsString());
            }
            if (unprocessed.isEmpty()) {
                return;
            }
            if (round == MAX_RETRIES) {
                throw new TransientFailure("SageMaker Feature Store BatchGetRecord left " + unprocessed.size()
                        + " customers of feature group '" + featureGroup + "' unprocessed after " + (MAX_RETRIES + 1)
                        + " requests (first: '" + unprocessed.get(0) + "'); the service is busy, retry later");
            }
            pending = unprocessed;
        }
    }

    private RuntimeException recordError(BatchGetRecordError error, int count) {
        String message = "SageMaker Feature Store BatchGetRecord of customer '" + error.recordIdentifierValueAsString()
                + "' from feature group '" + featureGroup + "' failed" + (count > 1 ? " (with " + (count - 1) + " more)" : "")
                + ": " + error.errorCode() + ": " + error.errorMessage();
        String code = error.errorCode() == null ? "" : error.errorCode();
        if (code.contains("Throttl") || code.equals("InternalFailure") || code.equals("ServiceUnavailable")) {
            return new TransientFailure(message);
        }
        return new AwsRequestException(message, null);
    }

    /** A record's values by the schema: every feature present, null when the record lacks it. */
    private Map<String, Object> values(String customerId, List<FeatureValue> record) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (FeatureValue v : record) {
            byName.put(v.featureName(), v.valueAsString());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (FeatureSchema.Column column : schema.columns()) {
            String text = byName.get(column.name());
            if (text == null || column.type() == FeatureSchema.ValueType.STRING) {
                values.put(column.name(), text);
            } else {
                try {
                    values.put(column.name(), Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    throw new AwsRequestException("feature group '" + featureGroup + "' holds '" + text + "' for feature '"
                            + column.name() + "' of customer '" + customerId + "': expected a number, as view '"
                            + schema.view() + "' declares it", e);
                }
            }
        }
        return values;
    }
}
