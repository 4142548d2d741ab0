package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.entity.ModelCard;

/**
 * The active model against what its card claims, on the development set ({@code ../shared/data/brain-ct}). The
 * out-of-fold predictions committed with its report must give exactly the card's cross-validation metrics, and the
 * model's own pass through the serving path — training-set numbers — must rank at least as well as the card claims;
 * a lower value means the shipped files are not the model the card describes.
 */
class ShippedModelTest {

    private static final Path ROOT = Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."));
    private static final Path DATA = ROOT.resolve("../shared/data/brain-ct").normalize();

    @TempDir
    Path report;

    /** The folder of the model the server makes active by default. */
    static Path activeModel() throws IOException {
        Properties config = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("src/main/resources/META-INF/microprofile-config.properties"))) {
            config.load(in);
        }
        return ROOT.resolve("src/main/models").resolve(config.getProperty("strokescan.model.active"));
    }

    @Test
    void theShippedModelMeetsWhatItsCardClaims() throws Exception {
        assumeTrue(Files.isDirectory(DATA), "needs the dataset folder " + DATA + " (not part of the repository)");
        Path model = activeModel();
        ModelCard card = ModelCards.read(model);
        Path outOfFold = model.resolveSibling(card.version() + ".report").resolve(TrainingRun.OUT_OF_FOLD);
        assertTrue(Files.exists(outOfFold), "the shipped model's report keeps its out-of-fold predictions: " + outOfFold);

        ModelEvaluation.Result result = ModelEvaluation.evaluate(new ModelEvaluation.Request(model, DATA, "any_ich",
                outOfFold, Map.of(), report));
        System.out.println("out-of-fold " + result.headline() + "\nserving pass " + result.servingPass());
        for (String metric : new String[] {"slice.auc", "slice.sensitivity", "slice.specificity", "slice.ece",
                "patient.auc", "patient.sensitivity", "patient.specificity"}) {
            assertEquals(card.metrics().get(metric), result.headline().get(metric), 1e-4,
                    metric + " of the committed out-of-fold predictions against the card");
        }
        for (String metric : new String[] {"slice.auc", "patient.auc"}) {
            assertTrue(result.servingPass().get(metric) >= card.metrics().get(metric),
                    metric + " through the serving path: " + result.servingPass().get(metric) + " < card "
                            + card.metrics().get(metric));
        }
        assertTrue(result.refused() <= 0.01 * 1996, "the gate refuses at most 1 % of the slices: " + result.refused());
        assertTrue(Files.readString(report.resolve("report.md")).contains("## Against the targets"));
    }
}
