/**
 * Reading any customer table: a tolerant CSV reader that never drops a line silently, the
 * user's statement about the table ({@link dev.churnops.core.data.DatasetSpec}), column type
 * inference, and the column-oriented {@link dev.churnops.core.data.LabeledTable} that training
 * reads. Pure JDK plus Jackson annotations; no file system: callers hand in bytes.
 */
package dev.churnops.core.data;
