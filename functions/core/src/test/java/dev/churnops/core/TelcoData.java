package dev.churnops.core;

import dev.churnops.core.data.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared Telco Customer Churn file, for tests that run on it when the shared data folder is
 * beside the checkout (and skip with an assumption when it is not).
 */
public final class TelcoData {

    /** How the file is read: id {@code customerID}, label {@code Churn}, churn is {@code Yes}. */
    public static final DatasetSpec SPEC = DatasetSpec.builder().name("telco")
            .idColumn("customerID").labelColumn("Churn").positiveLabel("Yes").build();

    private TelcoData() {
    }

    /** Walks up from the module directory to the first ancestor with a {@code shared/data} folder. */
    public static Path file() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path data = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(data)) {
                return data.resolve("telco-customer-churn.csv");
            }
        }
        return Path.of("shared", "data", "telco-customer-churn.csv");
    }
}
