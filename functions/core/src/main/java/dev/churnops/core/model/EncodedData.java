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

    /** These rows, by position, with their labels (the row arrays are shared, not copied). */
    public EncodedData select(int[] positions) {
        double[][] picked = new double[positions.length][];
        boolean[] picks = new boolean[positions.length];
        for (int i = 0; i < positions.length; i++) {
            picked[i] = rows[positions[i]];
            picks[i] = labels[positions[i]];
        }
        return new EncodedData(picked, picks, featureNames);
    }
}
