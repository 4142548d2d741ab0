package org.strokescan.inference.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.control.ModelCards;

/** The DICOM window on the model card: read from the bundled cards, and no change to a model's identity by default. */
class DicomWindowCardTest {

    @Test
    void theBundledCardCarriesTheWindowWithoutChangingItsChecksum() {
        ModelCard card = ModelCards.read(Path.of("src/main/models/strokescan-ich/2.0.0"));
        assertNotNull(card.dicomWindow());
        assertEquals(40, card.dicomWindowOrDefault().centre());
        assertEquals(70, card.dicomWindowOrDefault().width());
        assertEquals(card.withDicomWindow(null).checksum(), card.checksum(), "the default window is no new identity");
        assertEquals(DicomWindow.DEFAULT, card.withDicomWindow(null).dicomWindowOrDefault());
        assertNotEquals(card.checksum(), card.withDicomWindow(new DicomWindow(40, 120, "wider")).checksum(),
                "another window decides other results");
        assertEquals(card, ModelCards.fromJson(ModelCards.toJson(card)), "the window survives a round trip");
    }
}
