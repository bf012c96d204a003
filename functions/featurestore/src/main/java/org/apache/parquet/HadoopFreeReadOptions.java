package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options for parquet-java's {@code ParquetFileReader} built without its options builder: in
 * parquet-java 1.18.1 every {@code ParquetReadOptions.Builder} constructor makes a Hadoop-backed
 * codec factory ({@code HadoopCodecs.newFactory}), whose class cannot even be verified without
 * hadoop-common on the class path, before a caller can hand in another one. The options' own
 * constructor takes the codec factory directly but is package-private, hence this class in
 * parquet's package (it lives on the class path, not the module path, so the split package is
 * allowed). {@code dev.churnops.featurestore}'s tests read files through it with no Hadoop class
 * loadable, so an upgrade that changes the constructor fails there, at build time.
 */
public final class HadoopFreeReadOptions {

    private HadoopFreeReadOptions() {
    }

    /** Options with parquet-java's defaults, no filters, and {@code codecs} for the pages. */
    public static ParquetReadOptions of(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(
                false, // useSignedStringMinMax
                true, // useStatsFilter
                true, // useDictionaryFilter
                true, // useRecordFilter
                true, // useColumnIndexFilter
                false, // usePageChecksumVerification
                true, // useBloomFilter
                false, // useOffHeapDecryptBuffer
                false, // useHadoopVectoredIo
                FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER,
                codecs,
                new HeapByteBufferAllocator(),
                8 * 1024 * 1024, // maxAllocationSize: parquet-java's default
                Map.of(),
                null, // no decryption
                null, // no metrics callback
                new PlainParquetConfiguration());
    }
}
