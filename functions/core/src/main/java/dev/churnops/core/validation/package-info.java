/**
 * Validating a customer table: an editable {@link dev.churnops.core.validation.ExpectationSuite}
 * profiled from data, the {@link dev.churnops.core.validation.Validator} that sorts every record
 * into valid or quarantined (with reasons) and reports dataset-level failures, and
 * {@link dev.churnops.core.validation.Quarantine} files that can be fixed and re-ingested.
 */
package dev.churnops.core.validation;
