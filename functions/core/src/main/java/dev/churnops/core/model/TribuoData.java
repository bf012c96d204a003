package dev.churnops.core.model;

import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Builds Tribuo datasets and examples from encoded rows; zeros are left out, as Tribuo is sparse. */
final class TribuoData {

    static final Label CHURN = new Label("churn");
    static final Label STAY = new Label("stay");
    private static final LabelFactory FACTORY = new LabelFactory();

    private TribuoData() {
    }

    static MutableDataset<Label> dataset(EncodedData data) {
        // A fixed provenance timestamp keeps the Tribuo model's description reproducible.
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("churnops-training-split", java.time.OffsetDateTime.parse("2000-01-01T00:00:00Z"), FACTORY),
                FACTORY);
        String[] names = data.featureNames().toArray(String[]::new);
        for (int i = 0; i < data.rows().length; i++) {
            dataset.add(example(names, data.rows()[i], data.labels()[i] ? CHURN : STAY));
        }
        return dataset;
    }

    static Example<Label> example(String[] names, double[] row, Label label) {
        int nonZero = 0;
        for (double v : row) {
            if (v != 0.0) {
                nonZero++;
            }
        }
        String[] n = new String[nonZero];
        double[] v = new double[nonZero];
        int k = 0;
        for (int j = 0; j < row.length; j++) {
            if (row[j] != 0.0) {
                n[k] = names[j];
                v[k++] = row[j];
            }
        }
        return new ArrayExample<>(label, n, v);
    }

    /** Index of each Tribuo feature id in our vector order. */
    static int[] featureIndex(org.tribuo.ImmutableFeatureMap map, List<String> names) {
        int[] index = new int[map.size()];
        for (int id = 0; id < map.size(); id++) {
            String name = map.get(id).getName();
            index[id] = names.indexOf(name);
            if (index[id] < 0) {
                throw new IllegalStateException("Tribuo feature '" + name + "' is not an encoder feature");
            }
        }
        return index;
    }

    static String provenance(org.tribuo.Model<Label> model) {
        // Trainer provenance holds the configuration and seed; the model provenance adds wall-clock
        // time and host details, which would make artifacts differ between identical runs.
        return model.getProvenance().getTrainerProvenance().toString();
    }
}
