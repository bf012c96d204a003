package dev.churnops.core.model;

import java.util.List;

/** Encoded rows, their labels and the feature names: what an engine trains on. */
public record EncodedData(double[][] rows, boolean[] labels, List<String> featureNames) {

    public EncodedData {
        if (rows.length != labels.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
        }
        featureNames = List.copyOf(featureNames);
    }
}
