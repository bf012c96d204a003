package dev.churnops.featurestore;

import dev.churnops.core.features.FeatureBatch;
import dev.churnops.core.features.FeatureSchema;
import dev.churnops.core.pipeline.BlobLayout;
import dev.churnops.core.port.BlobStore;
import dev.churnops.core.port.OfflineFeatureStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The offline feature store as Parquet files in a {@link BlobStore}, the same over S3 and a local
 * directory: {@code features/offline/<view>/dt=YYYY-MM-DD/part-<nnnnn>.parquet}, one new file per
 * append, never rewritten. Each file has the columns {@code customer_id} (required UTF-8 string),
 * {@code event_time} and {@code write_time} (required INT64 TIMESTAMP(MILLIS, UTC); the stores'
 * epoch seconds times 1000, so DuckDB, Spark and Athena see timestamps), then the view's features
 * in schema order, numbers as optional DOUBLE and text as optional UTF-8 BINARY (a missing value is
 * a null). Each file is one row group of dictionary-encoded, uncompressed pages (see
 * {@link #CODEC}; GZIP pages, from the JDK's deflater, are read too), written through parquet-java's
 * {@code OutputFile} over a byte array and read through its {@code InputFile}, with its plain
 * configuration, so no Hadoop class is needed; the same batch always gives the same bytes.
 */
public final class ParquetOfflineStore implements OfflineFeatureStore {

    /** Where the files of every view live. */
    public static final String ROOT = "features/offline/";
    private static final Pattern PART = Pattern.compile("part-(\\d{5,})\\.parquet");
    /** How many taken part numbers an append steps over before it gives up (each step is one conditional write). */
    private static final int MAX_CLAIM_ATTEMPTS = 100;
    private static final long SECONDS_PER_DAY = 86_400L;
    /**
     * Pages are dictionary-encoded and not compressed: GZIP (the one codec the JDK gives without
     * Hadoop or a native library) took twice the time to write a day of 20,000 customers for files
     * a third smaller (0.9 against 1.3 MB), and a day's write is on the daily materialization's path.
     * Files of either codec are read.
     */
    static final CompressionCodecName CODEC = CompressionCodecName.UNCOMPRESSED;

    private final BlobStore blobs;

    public ParquetOfflineStore(BlobStore blobs) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** The key prefix of one day's partition of {@code view}. */
    public static String partition(String view, LocalDate date) {
        return BlobLayout.offlineFeatures(view) + "dt=" + date + "/";
    }

    /** The key of part {@code part} in one day's partition. */
    public static String partKey(String view, LocalDate date, int part) {
        return partition(view, date) + String.format("part-%05d.parquet", part);
    }

    @Override
    public String append(FeatureBatch rows, LocalDate date) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(date, "date");
        if (rows.size() == 0) {
            throw new IllegalArgumentException("feature batch of view '" + rows.schema().view()
                    + "' has no rows: expected at least one row to append to partition dt=" + date);
        }
        checkPartition(rows, date);
        byte[] file = write(rows);
        String view = rows.schema().view();
        int part = nextPart(view, date);
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++, part++) {
            String key = partKey(view, date, part);
            // A conditional write claims the part number: a writer that lost the race moves to the next one.
            if (blobs.putIfAbsent(key, file)) {
                return key;
            }
        }
        throw new IllegalStateException("could not claim a free part number in " + partition(view, date) + " after "
                + MAX_CLAIM_ATTEMPTS + " attempts: other writers keep taking them");
    }

    private static void checkPartition(FeatureBatch rows, LocalDate date) {
        long start = date.toEpochDay() * SECONDS_PER_DAY;
        long end = start + SECONDS_PER_DAY;
        for (int r = 0; r < rows.size(); r++) {
            long t = rows.eventTime(r);
            if (t < start || t >= end) {
                // readAsOf finds a row through the partition of its event time; a row filed elsewhere would go unseen.
                throw new IllegalArgumentException("row " + r + " of view '" + rows.schema().view() + "' (customer '"
                        + rows.entityId(r) + "') has event time " + Instant.ofEpochSecond(t)
                        + ", outside partition dt=" + date + ": expected event times on that UTC date");
            }
        }
    }

    private int nextPart(String view, LocalDate date) {
        int next = 0;
        String prefix = partition(view, date);
        for (String key : blobs.list(prefix)) {
            Matcher m = PART.matcher(key.substring(prefix.length()));
            if (m.matches()) {
                next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return next;
    }

    /** The Parquet file of {@code rows}: the same bytes for the same rows. */
    public static byte[] write(FeatureBatch rows) {
        FeatureSchema schema = rows.schema();
        MessageType type = messageType(schema);
        List<ColumnDescriptor> descriptors = type.getColumns();
        InMemoryFiles.Output out = new InMemoryFiles.Output();
        ParquetProperties properties = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(true)
                .build();
        // parquet-java's record writer (ParquetWriter) is only reachable through builders whose overloads name
        // Hadoop's Path and Configuration, which javac must then load; the file writer and the column stores it
        // drives are not, so this drives them directly, one row group per file.
        try (ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                .withSchema(type)
                .withCompressorProvider(column -> JdkCodecs.INSTANCE.getCompressor(CODEC))
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .build();
             ColumnWriteStore columns = properties.newColumnWriteStore(type, pages)) {
            ColumnWriter[] writers = new ColumnWriter[descriptors.size()];
            for (int c = 0; c < writers.length; c++) {
                writers[c] = columns.getColumnWriter(descriptors.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                writers[0].write(Binary.fromString(rows.entityId(r)), 0, 0);
                writers[1].write(Math.multiplyExact(rows.eventTime(r), 1000L), 0, 0);
                writers[2].write(Math.multiplyExact(rows.writeTime(r), 1000L), 0, 0);
                for (int c = 0; c < schema.size(); c++) {
                    ColumnWriter w = writers[c + 3];
                    if (schema.columns().get(c).type() == FeatureSchema.ValueType.DOUBLE) {
                        double v = rows.number(r, c);
                        if (Double.isNaN(v)) {
                            w.writeNull(0, 0);
                        } else {
                            w.write(v, 0, 1);
                        }
                    } else {
                        String v = rows.text(r, c);
                        if (v == null) {
                            w.writeNull(0, 0);
                        } else {
                            w.write(Binary.fromString(v), 0, 1);
                        }
                    }
                }
                columns.endRecord();
            }
            columns.flush();
            ParquetFileWriter file = new ParquetFileWriter(out, type, ParquetFileWriter.Mode.CREATE,
                    ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
                    properties.getColumnIndexTruncateLength(), properties.getStatisticsTruncateLength(),
                    properties.getPageWriteChecksumEnabled());
            file.start();
            file.startBlock(rows.size());
            pages.flushToFileWriter(file);
            file.endBlock();
            file.end(Map.of());
        } catch (IOException e) {
            // Only a byte array is written to: an I/O error here is a bug, not a condition to handle.
            throw new UncheckedIOException("writing Parquet of view '" + schema.view() + "' in memory failed", e);
        }
        return out.bytes();
    }

    /** The Parquet schema of a view's files. */
    public static MessageType messageType(FeatureSchema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(FeatureSchema.ENTITY);
        LogicalTypeAnnotation millis = LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS);
        b.required(PrimitiveTypeName.INT64).as(millis).named(FeatureSchema.EVENT_TIME);
        b.required(PrimitiveTypeName.INT64).as(millis).named(FeatureSchema.WRITE_TIME);
        for (FeatureSchema.Column c : schema.columns()) {
            if (c.type() == FeatureSchema.ValueType.DOUBLE) {
                b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
            } else {
                b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        return b.named(schema.view());
    }

    /**
     * {@inheritDoc}
     * <p>Age is counted in partitions: the files of the UTC day of {@code asOfEpochSecond} and of
     * the {@code maxAgeDays} days before it are read (0 reads that day alone). The batch lists the
     * entities in id order.
     */
    @Override
    public FeatureBatch readAsOf(FeatureSchema schema, long asOfEpochSecond, int maxAgeDays, Collection<String> entities) {
        Objects.requireNonNull(schema, "schema");
        if (maxAgeDays < 0) {
            throw new IllegalArgumentException("maxAgeDays is " + maxAgeDays + ": expected 0 or more days");
        }
        Set<String> wanted = entities == null ? null : new HashSet<>(entities);
        Latest latest = new Latest(schema.size());
        // Age is counted in whole partitions (UTC days): the as-of day and the maxAgeDays days before it.
        LocalDate last = LocalDate.ofEpochDay(Math.floorDiv(asOfEpochSecond, SECONDS_PER_DAY));
        LocalDate first = last.minusDays(maxAgeDays);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            String prefix = partition(schema.view(), day);
            for (String key : blobs.list(prefix)) {
                if (PART.matcher(key.substring(prefix.length())).matches()) {
                    read(key, blobs.get(key), schema, (id, event, write, values) -> {
                        if (event <= asOfEpochSecond && (wanted == null || wanted.contains(id))) {
                            latest.offer(id, event, write, values);
                        }
                    });
                }
            }
        }
        return latest.toBatch(schema);
    }

    /** Receives the rows of a file, one at a time; {@code values} is reused between rows. */
    @FunctionalInterface
    interface RowSink {
        void row(String entity, long eventTime, long writeTime, Object[] values);
    }

    /**
     * Reads every row of one file; fails naming {@code key} when the bytes are not a readable
     * Parquet file or their columns are not those of {@code schema}.
     */
    static void read(String key, byte[] bytes, FeatureSchema schema, RowSink sink) {
        MessageType expected = messageType(schema);
        ParquetReadOptions options = HadoopFreeReadOptions.of(JdkCodecs.INSTANCE);
        try (ParquetFileReader reader = new ParquetFileReader(InMemoryFiles.input(bytes, key), options)) {
            MessageType actual = reader.getFooter().getFileMetaData().getSchema();
            checkColumns(key, schema, expected, actual);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<ColumnDescriptor> columns = expected.getColumns();
            Object[] values = new Object[schema.size()];
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                        new GroupRecordConverter(expected).getRootConverter(), expected, createdBy);
                ColumnReader[] readers = new ColumnReader[columns.size()];
                for (int c = 0; c < readers.length; c++) {
                    readers[c] = store.getColumnReader(columns.get(c));
                }
                long count = pages.getRowCount();
                for (long r = 0; r < count; r++) {
                    String id = readers[0].getBinary().toStringUsingUTF8();
                    long event = Math.floorDiv(readers[1].getLong(), 1000L);
                    long write = Math.floorDiv(readers[2].getLong(), 1000L);
                    for (int c = 0; c < 3; c++) {
                        readers[c].consume();
                    }
                    for (int f = 0; f < values.length; f++) {
                        ColumnReader col = readers[f + 3];
                        if (col.getCurrentDefinitionLevel() < columns.get(f + 3).getMaxDefinitionLevel()) {
                            values[f] = null;
                        } else if (schema.columns().get(f).type() == FeatureSchema.ValueType.DOUBLE) {
                            values[f] = col.getDouble();
                        } else {
                            values[f] = col.getBinary().toStringUsingUTF8();
                        }
                        col.consume();
                    }
                    sink.row(id, event, write, values);
                }
            }
        } catch (OfflineFeatureFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // parquet-java reports a damaged file through IOExceptions and several unchecked exceptions
            // (ParquetDecodingException, RuntimeException "not a Parquet file", index errors on cut data).
            throw new OfflineFeatureFileException("offline feature file '" + key + "' is not a readable Parquet file: "
                    + e.getMessage(), e);
        }
    }

    private static void checkColumns(String key, FeatureSchema schema, MessageType expected, MessageType actual) {
        Map<String, Type> found = new HashMap<>();
        for (Type t : actual.getFields()) {
            found.put(t.getName(), t);
        }
        for (Type want : expected.getFields()) {
            Type got = found.remove(want.getName());
            if (got == null) {
                throw new OfflineFeatureFileException("offline feature file '" + key + "' has no column '" + want.getName()
                        + "' that feature view '" + schema.view() + "' expects (" + describe(want) + ")");
            }
            if (!got.equals(want)) {
                throw new OfflineFeatureFileException("offline feature file '" + key + "' has column '" + want.getName()
                        + "' as " + describe(got) + " where feature view '" + schema.view() + "' expects " + describe(want));
            }
        }
        if (!found.isEmpty()) {
            String extra = new TreeMap<>(found).firstKey();
            throw new OfflineFeatureFileException("offline feature file '" + key + "' has column '" + extra
                    + "' that feature view '" + schema.view() + "' does not have: expected only " + expected.getFields().stream()
                    .map(Type::getName).toList());
        }
        List<String> order = actual.getFields().stream().map(Type::getName).toList();
        List<String> want = expected.getFields().stream().map(Type::getName).toList();
        if (!order.equals(want)) {
            throw new OfflineFeatureFileException("offline feature file '" + key + "' has its columns in the order " + order
                    + " where feature view '" + schema.view() + "' expects " + want);
        }
    }

    private static String describe(Type t) {
        if (!t.isPrimitive()) {
            return "a group";
        }
        PrimitiveType p = t.asPrimitiveType();
        return t.getRepetition().name().toLowerCase(java.util.Locale.ROOT) + " " + p.getPrimitiveTypeName()
                + (p.getLogicalTypeAnnotation() == null ? "" : " " + p.getLogicalTypeAnnotation());
    }

    /** Per entity, the row with the latest (event time, write time) seen so far; later offers win ties. */
    private static final class Latest {
        private final int width;
        private final Map<String, Integer> slots = new HashMap<>();
        private final List<String> ids = new ArrayList<>();
        private long[] events = new long[64];
        private long[] writes = new long[64];
        private final List<Object[]> values = new ArrayList<>();

        Latest(int width) {
            this.width = width;
        }

        void offer(String id, long event, long write, Object[] row) {
            Integer slot = slots.get(id);
            if (slot == null) {
                slot = ids.size();
                slots.put(id, slot);
                ids.add(id);
                if (slot == events.length) {
                    events = java.util.Arrays.copyOf(events, slot * 2);
                    writes = java.util.Arrays.copyOf(writes, slot * 2);
                }
                values.add(new Object[width]);
            } else if (event < events[slot] || (event == events[slot] && write < writes[slot])) {
                return;
            }
            events[slot] = event;
            writes[slot] = write;
            System.arraycopy(row, 0, values.get(slot), 0, width);
        }

        FeatureBatch toBatch(FeatureSchema schema) {
            FeatureBatch.Builder b = FeatureBatch.builder(schema);
            // Entity order, so the same files give the same batch whatever order they were listed in.
            for (String id : new java.util.TreeSet<>(ids)) {
                int slot = slots.get(id);
                b.row(id, events[slot], writes[slot]);
                Object[] row = values.get(slot);
                for (int c = 0; c < width; c++) {
                    b.value(c, row[c]);
                }
            }
            return b.build();
        }
    }
}
