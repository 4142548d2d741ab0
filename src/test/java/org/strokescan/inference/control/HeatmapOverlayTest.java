package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.PreprocessingSpec;

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
}
