package dev.churnops.core.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The production model's out-of-fold predictions on its training rows, as {@code out-of-fold.csv}
 * in the model artifact holds them: per training row (in the training channel's order) its fold,
 * its label, the probability the served model's calibration gives the fold model's output, and that
 * output before calibration. Evaluation chooses the threshold on them when the training set has no
 * validation rows; anyone can recompute the out-of-fold ROC-AUC, calibration and threshold from them.
 *
 * <p>Numbers are written in Java's shortest round-trip form, so the file reads back to the same
 * doubles and the same inputs always give the same bytes. No customer id or feature is written.
 */
public record OutOfFoldPredictions(int[] fold, boolean[] label, double[] probability, double[] uncalibrated) {

    public static final String FILE_NAME = "out-of-fold.csv";
    static final String HEADER = "row,fold,label,probability,uncalibrated";

    public OutOfFoldPredictions {
        int n = fold.length;
        if (label.length != n || probability.length != n || uncalibrated.length != n) {
            throw new IllegalArgumentException("out-of-fold predictions: " + n + " folds, " + label.length + " labels, "
                    + probability.length + " probabilities and " + uncalibrated.length + " uncalibrated: expected one of each per row");
        }
        fold = fold.clone();
        label = label.clone();
        probability = probability.clone();
        uncalibrated = uncalibrated.clone();
    }

    @Override
    public int[] fold() {
        return fold.clone();
    }

    @Override
    public boolean[] label() {
        return label.clone();
    }

    @Override
    public double[] probability() {
        return probability.clone();
    }

    @Override
    public double[] uncalibrated() {
        return uncalibrated.clone();
    }

    public int size() {
        return fold.length;
    }

    public byte[] toCsv() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (int r = 0; r < fold.length; r++) {
            out.append(r).append(',').append(fold[r]).append(',').append(label[r] ? 1 : 0).append(',')
                    .append(probability[r]).append(',').append(uncalibrated[r]).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads what {@link #toCsv()} wrote.
     *
     * @throws IllegalArgumentException naming {@code source} and the line when the file is not that
     */
    public static OutOfFoldPredictions fromCsv(byte[] csv, String source) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException(source + ": expected the header '" + HEADER + "'");
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                rows.add(lines[i].split(",", -1));
            }
        }
        int n = rows.size();
        int[] fold = new int[n];
        boolean[] label = new boolean[n];
        double[] probability = new double[n];
        double[] uncalibrated = new double[n];
        for (int r = 0; r < n; r++) {
            String[] f = rows.get(r);
            int line = r + 2;
            try {
                if (f.length != 5 || Integer.parseInt(f[0]) != r || !(f[2].equals("0") || f[2].equals("1"))) {
                    throw new NumberFormatException();
                }
                fold[r] = Integer.parseInt(f[1]);
                label[r] = f[2].equals("1");
                probability[r] = Double.parseDouble(f[3]);
                uncalibrated[r] = Double.parseDouble(f[4]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " line " + line + ": expected row " + r
                        + ", a fold number, label 0 or 1 and two probabilities");
            }
            if (!(probability[r] >= 0 && probability[r] <= 1 && uncalibrated[r] >= 0 && uncalibrated[r] <= 1)) {
                throw new IllegalArgumentException(source + " line " + line + ": probabilities must be from 0 to 1");
            }
        }
        return new OutOfFoldPredictions(fold, label, probability, uncalibrated);
    }
}
