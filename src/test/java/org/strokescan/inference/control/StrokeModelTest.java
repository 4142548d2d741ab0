package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.training.TestModels;

class StrokeModelTest {

    @TempDir
    Path folder;

    @Test
    void anExportedModelPredictsAndExplainsThroughTheEngine() throws Exception {
        Path model = TestModels.export(folder.resolve("m"), 7L);
        try (StrokeModel loaded = StrokeModel.load(model, 2)) {
            int size = loaded.card().preprocessing().inputSize();
            PreparedImage image = TestModels.phantom(size);
            float p = loaded.probability(image);
            assertTrue(p > 0 && p < 1, "a probability: " + p);
            StrokeModel.Output explained = loaded.explain(image);
            assertEquals(p, explained.probability(), 1e-6, "both signatures compute the same probability");
            assertEquals(size * size, explained.heatmap().length);
            for (float v : explained.heatmap()) {
                assertTrue(v >= 0 && v <= 1.0001f, "heat in [0, 1]: " + v);
            }
            assertArrayEquals(explained.heatmap(), loaded.explain(image).heatmap(), "deterministic");
        }
    }
}
