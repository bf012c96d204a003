package dev.churnops.core.scoring;

/** One offending field of a scoring request: where it is (a JSON path) and what was expected. */
public record FieldError(String field, String message) {
}
