/**
 * The human-readable model report: one self-contained HTML page (inline CSS, inline SVG
 * charts, no scripts, nothing fetched from the network) rendered deterministically from a
 * {@link dev.churnops.core.report.ReportContent}, so the same run always yields the same bytes
 * and the page opens offline from S3 or a laptop alike.
 */
package dev.churnops.core.report;
