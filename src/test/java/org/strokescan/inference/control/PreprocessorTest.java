package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.GrayImage;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.PreprocessingSpec;
import org.strokescan.inference.entity.PreprocessingSpec.Normalisation;

class PreprocessorTest {

    private static GrayImage filled(int width, int height, float value) {
        float[] pixels = new float[width * height];
        Arrays.fill(pixels, value);
        return new GrayImage(width, height, pixels);
    }

    private static GrayImage gradient(int width, int height) {
        float[] pixels = new float[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % width) / (float) (width - 1);
        }
        return new GrayImage(width, height, pixels);
    }

    @Test
    void keepsTheAspectRatioAndPadsWithBlack() {
        PreparedImage prepared = new Preprocessor(new PreprocessingSpec(128, Normalisation.NONE, 0))
                .prepare(filled(200, 100, 1f));
        assertEquals(0, prepared.contentX());
        assertEquals(32, prepared.contentY());
        assertEquals(128, prepared.contentWidth());
        assertEquals(64, prepared.contentHeight());
        float[] tensor = prepared.tensor();
        assertEquals(0f, tensor[31 * 128 + 64], "padding above");
        assertEquals(1f, tensor[32 * 128 + 64], 1e-6, "content");
        assertEquals(1f, tensor[95 * 128 + 64], 1e-6, "content");
        assertEquals(0f, tensor[96 * 128 + 64], "padding below");
    }

    @Test
    void shrinkingAveragesAreasSoNothingAliases() {
        // alternating black and white columns must become uniform grey at half size, not stripes
        float[] stripes = new float[64 * 64];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = (i % 64) % 2;
        }
        float[] tensor = new Preprocessor(new PreprocessingSpec(32, Normalisation.NONE, 0))
                .prepare(new GrayImage(64, 64, stripes)).tensor();
        for (float v : tensor) {
            assertEquals(0.5f, v, 1e-6);
        }
    }

    @Test
    void enlargingInterpolatesWithinTheInputRange() {
        float[] tensor = new Preprocessor(new PreprocessingSpec(64, Normalisation.NONE, 0))
                .prepare(gradient(16, 16)).tensor();
        for (int x = 1; x < 64; x++) {
            assertTrue(tensor[10 * 64 + x] >= tensor[10 * 64 + x - 1], "monotone along the gradient");
        }
        assertEquals(0f, tensor[10 * 64], 1e-6);
        assertEquals(1f, tensor[10 * 64 + 63], 1e-6);
    }

    @Test
    void normalisesByMinMaxOrStandardScore() {
        GrayImage dim = new GrayImage(2, 1, new float[] {0.2f, 0.4f});
        float[] minMax = new Preprocessor(new PreprocessingSpec(8, Normalisation.MIN_MAX, 0)).prepare(dim).tensor();
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : minMax) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(1f, max, 1e-6);
        assertEquals(0f, min, 1e-6);

        PreparedImage standard = new Preprocessor(new PreprocessingSpec(16, Normalisation.STANDARDIZE, 0))
                .prepare(gradient(16, 16));
        double sum = 0;
        double squares = 0;
        for (float v : standard.tensor()) {
            sum += v;
            squares += v * v;
        }
        assertEquals(0, sum / 256, 1e-5);
        assertEquals(1, squares / 256, 1e-4);
    }

    @Test
    void theMedianFilterRemovesSaltNoiseButKeepsEdges() {
        float[] pixels = new float[32 * 32];
        for (int y = 0; y < 32; y++) {
            for (int x = 16; x < 32; x++) {
                pixels[y * 32 + x] = 1f; // right half bright: an edge
            }
        }
        pixels[5 * 32 + 5] = 1f; // a lone hot pixel in the dark half
        float[] filtered = Preprocessor.median(pixels, 32, 32, 3);
        assertEquals(0f, filtered[5 * 32 + 5], "salt removed");
        assertEquals(0f, filtered[10 * 32 + 15], "edge kept, dark side");
        assertEquals(1f, filtered[10 * 32 + 16], "edge kept, bright side");
    }

    @Test
    void theSameInputAlwaysGivesTheSameTensor() {
        PreprocessingSpec spec = new PreprocessingSpec(128, Normalisation.STANDARDIZE, 3);
        GrayImage image = gradient(300, 217);
        assertArrayEquals(new Preprocessor(spec).prepare(image).tensor(), new Preprocessor(spec).prepare(image).tensor());
    }

    @Test
    void refusesSpecsNoModelCouldHave() {
        assertThrows(IllegalArgumentException.class, () -> new PreprocessingSpec(4, Normalisation.NONE, 0));
        assertThrows(IllegalArgumentException.class, () -> new PreprocessingSpec(128, Normalisation.NONE, 2));
        assertThrows(IllegalArgumentException.class, () -> new PreprocessingSpec(128, null, 0));
    }
}
