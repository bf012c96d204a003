/**
 * The shop's raw events: the sources, their columns and the one timestamp form they use. The
 * generator writes them, data quality checks them, feature computation reads them.
 */
package dev.churnops.core.events;
