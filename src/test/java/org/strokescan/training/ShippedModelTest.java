package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.entity.ModelCard;

/**
 * The active model on the development set it was trained on, through the serving path. These are training-set
 * numbers, so they must at least reach the out-of-fold ranking quality the card claims; a lower value means the
 * shipped files are not the model the card describes.
 */
class ShippedModelTest {

    private static final Path ROOT = Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."));
    private static final Path DATA = ROOT.resolve("../shared/data/brain-ct").normalize();

    /** The folder of the model the server makes active by default. */
    private static Path activeModel() throws IOException {
        Properties config = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("src/main/resources/META-INF/microprofile-config.properties"))) {
            config.load(in);
        }
        return ROOT.resolve("src/main/models").resolve(config.getProperty("strokescan.model.active"));
    }

    @Test
    void theShippedModelRanksAtLeastAsWellAsItsCardClaims() throws Exception {
        assumeTrue(Files.isDirectory(DATA), "needs the dataset folder " + DATA + " (not part of the repository)");
        Path model = activeModel();
        ModelCard card = ModelCards.read(model);
        ModelEvaluation.Result result = ModelEvaluation.evaluate(model, DATA, "any_ich");
        System.out.print(result.report());
        for (String metric : new String[] {"slice.auc", "patient.auc"}) {
            assertTrue(result.metrics().get(metric) >= card.metrics().get(metric),
                    metric + ": " + result.metrics().get(metric) + " < card " + card.metrics().get(metric));
        }
        assertTrue(result.metrics().get("gate.refused") <= 0.01 * 1996, "the gate refuses at most 1 % of the slices");
    }
}
