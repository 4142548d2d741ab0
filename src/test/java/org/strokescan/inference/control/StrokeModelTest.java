package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
            loaded.smokeTest(); // what a model passes before it may become shadow or active
        }
    }

    @Test
    void aBatchGetsTheProbabilitiesOfSingleCallsAndConcurrentCallersTheirOwn() throws Exception {
        Path model = TestModels.export(folder.resolve("m"), 11L);
        try (StrokeModel loaded = StrokeModel.load(model, 2)) {
            int size = loaded.card().preprocessing().inputSize();
            List<PreparedImage> images = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                float[] pixels = TestModels.phantom(size).tensor();
                for (int p = 0; p < pixels.length; p++) {
                    pixels[p] *= 0.5f + i / 12f; // twelve different inputs
                }
                images.add(new PreparedImage(pixels, size, 0, 0, size, size));
            }
            float[] single = new float[images.size()];
            for (int i = 0; i < images.size(); i++) {
                single[i] = loaded.probability(images.get(i));
            }
            assertTrue(single[0] != single[11], "different inputs, different probabilities");
            assertArrayEquals(single, loaded.probabilities(images), 1e-6f, "one call of twelve = twelve calls of one");

            InferenceBatcher batcher = new InferenceBatcher(loaded::probabilities, 1, 8);
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try {
                List<Future<Float>> answers = new ArrayList<>();
                for (int round = 0; round < 20; round++) {
                    for (PreparedImage image : images) {
                        answers.add(callers.submit(() -> batcher.probability(image)));
                    }
                }
                for (int i = 0; i < answers.size(); i++) {
                    assertEquals(single[i % images.size()], answers.get(i).get(), 1e-6f, "caller " + i);
                }
            } finally {
                callers.shutdownNow();
            }
            long[] batches = batcher.batchesAndImages();
            assertEquals(240, batches[1]);
            assertTrue(batches[0] < 240, "six callers and one slot: some calls held several images (" + batches[0]
                    + " calls for 240 images)");
        }
    }

    @Test
    void refusesAnInputOfTheWrongSizeBeforeTheEngineSeesIt() throws Exception {
        Path model = TestModels.export(folder.resolve("m"), 3L);
        try (StrokeModel loaded = StrokeModel.load(model, 1)) {
            int size = loaded.card().preprocessing().inputSize();
            PreparedImage wrong = new PreparedImage(new float[(size + 1) * (size + 1)], size + 1, 0, 0, size + 1, size + 1);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> loaded.probabilities(List.of(TestModels.phantom(size), wrong)));
            assertTrue(refused.getMessage().contains("takes " + size + "×" + size), refused.getMessage());
            assertTrue(loaded.probability(TestModels.phantom(size)) > 0, "the engine still answers");
        }
    }
}
