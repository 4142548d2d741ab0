package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.PreprocessingSpec;
import org.strokescan.training.HeadPhantom;

class HeatmapOverlayTest {

    @Test
    void heatColoursTissueNeverAirAndTheOverlayKeepsTheImageSize() throws Exception {
        GrayImage image = ImageIntake.toGray(HeadPhantom.image(200, false));
        PreparedImage prepared = new Preprocessor(new PreprocessingSpec(64, PreprocessingSpec.Normalisation.NONE, 0))
                .prepare(image);
        float[] heat = new float[64 * 64];
        Arrays.fill(heat, 1f);

        BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(HeatmapOverlay.png(image, prepared, heat)));

        assertEquals(200, overlay.getWidth());
        assertEquals(200, overlay.getHeight());
        int air = overlay.getRGB(2, 2) & 0xFFFFFF;
        assertEquals(0x000000, air, "air stays black");
        int tissue = overlay.getRGB(100, 60);
        assertNotEquals((tissue >> 16) & 0xFF, tissue & 0xFF, "tissue under heat is coloured");
    }

    @Test
    void noHeatLeavesTheImageGray() throws Exception {
        GrayImage image = ImageIntake.toGray(HeadPhantom.image(100, true));
        PreparedImage prepared = new Preprocessor(new PreprocessingSpec(32, PreprocessingSpec.Normalisation.NONE, 0))
                .prepare(image);
        BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(HeatmapOverlay.png(image, prepared, new float[32 * 32])));
        for (int y = 0; y < 100; y += 7) {
            for (int x = 0; x < 100; x += 7) {
                int rgb = overlay.getRGB(x, y);
                assertEquals((rgb >> 16) & 0xFF, rgb & 0xFF, "gray at " + x + "," + y);
                assertEquals(Math.round(image.at(x, y) * 255), rgb & 0xFF, "the image itself at " + x + "," + y);
            }
        }
    }

    @Test
    void aRingMarksThePeakAndALineFollowsHalfOfIt() throws Exception {
        GrayImage image = ImageIntake.toGray(HeadPhantom.image(200, false));
        PreparedImage prepared = new Preprocessor(new PreprocessingSpec(64, PreprocessingSpec.Normalisation.NONE, 0))
                .prepare(image);
        float[] heat = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) { // a blob peaking at the map's (40, 32), the image's (125, 100)
                heat[y * 64 + x] = (float) Math.exp(-(Math.pow(x - 40, 2) + Math.pow(y - 32, 2)) / 18.0);
            }
        }
        BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(HeatmapOverlay.png(image, prepared, heat)));

        int radius = 5; // a 200-px image: 200 / 40
        int ring = 0;
        int contour = 0;
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                if ((overlay.getRGB(x, y) & 0xFFFFFF) == HeatmapOverlay.MARK) {
                    double fromPeak = Math.hypot(x - 125, y - 100);
                    ring += Math.abs(fromPeak - radius) < 1.5 ? 1 : 0;
                    // half the peak of exp(-d²/18) in map cells lies at d = 3.5 cells, 11 image pixels
                    contour += Math.abs(fromPeak - 11) < 2 ? 1 : 0;
                }
            }
        }
        assertTrue(ring >= 20, "ring pixels around the peak: " + ring);
        assertTrue(contour >= 40, "half-peak line pixels: " + contour);
        assertNotEquals(HeatmapOverlay.MARK, overlay.getRGB(125, 100) & 0xFFFFFF, "the peak itself stays visible");
    }
}
