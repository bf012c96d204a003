/**
 * Feature store adapters that need nothing but a {@link dev.churnops.core.port.BlobStore}: the
 * offline store as Parquet files ({@link dev.churnops.featurestore.ParquetOfflineStore}) and an
 * embedded online store kept in primitive arrays and persisted as a base file plus segments
 * ({@link dev.churnops.featurestore.EmbeddedOnlineStore}). Both work the same over S3 and a local
 * directory, and neither loads a Hadoop class.
 */
package dev.churnops.featurestore;
