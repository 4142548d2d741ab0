package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ValidationReference;
import org.strokescan.testing.SharedData;

/** The validation reference written into the shipped 2.0.0 card is what its committed out-of-fold scores give. */
class ValidationReferencesTest {

    private static final Path MODELS = Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."))
            .resolve("src/main/models/strokescan-ich");

    @Test
    void theShippedCardsScoreReferenceIsRecomputedFromItsOutOfFoldScores() throws Exception {
        ModelCard card = ModelCards.read(MODELS.resolve("2.0.0"));
        ValidationReference stored = card.reference();
        assertNotNull(stored, "the 2.0.0 card has a validation reference");
        ValidationReference computed = ValidationReferences.compute(card,
                MODELS.resolve("2.0.0.report/out-of-fold.csv"), Map.of());
        assertEquals(5359, computed.slices());
        assertEquals(183, computed.studies());
        assertEquals(stored.slices(), computed.slices());
        assertEquals(stored.studies(), computed.studies());
        assertEquals(stored.sliceQuantiles(), computed.sliceQuantiles());
        assertEquals(stored.studyQuantiles(), computed.studyQuantiles());
        assertEquals(stored.sliceFlagged(), computed.sliceFlagged());
        assertEquals(stored.studyFlagged(), computed.studyFlagged());
        assertEquals(stored.studyAgreement(), computed.studyAgreement());
        assertNull(computed.meanGreyQuantiles(), "no image folders given, no image statistics");
        // the checksum (what decides a result) ignores the reference
        assertEquals(card.withReference(null).checksum(), card.checksum());
        // written and read back the same; a card without one (older exports) reads as null
        assertEquals(card, ModelCards.fromJson(ModelCards.toJson(card)));
        assertNull(ModelCards.fromJson(ModelCards.toJson(card.withReference(null))).reference());
        assertFalse(ModelCards.toJson(card.withReference(null)).contains("\"reference\""));
    }

    @Test
    void theShippedCardsImageReferenceIsRecomputedFromTheImages() throws Exception {
        Path data = SharedData.require("brain-ct", "phe-sich-ct-ids");
        ModelCard card = ModelCards.read(MODELS.resolve("2.0.0"));
        Map<String, Path> images = new LinkedHashMap<>(); // in the order the CLI gives them
        images.put("main", data.resolve("brain-ct"));
        images.put("extra", data.resolve("phe-sich-ct-ids"));
        ValidationReference computed = ValidationReferences.compute(card,
                MODELS.resolve("2.0.0.report/out-of-fold.csv"), images);
        assertEquals(card.reference(), computed);
        assertTrue(computed.meanGreyQuantiles().get(50) > 20 && computed.meanGreyQuantiles().get(50) < 100,
                "a head CT is mostly dark: median mean grey " + computed.meanGreyQuantiles().get(50));
    }
}
