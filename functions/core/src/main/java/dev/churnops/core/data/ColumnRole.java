package dev.churnops.core.data;

/**
 * What a column is for: the customer identifier, the label to predict, an input feature, or a
 * column kept in the file but left out of training (free text, leakage, personal data).
 */
public enum ColumnRole {
    ID, LABEL, FEATURE, IGNORED
}
