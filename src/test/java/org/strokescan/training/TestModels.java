package org.strokescan.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.PreprocessingSpec;

/** Small real TensorFlow models for tests: the production network with seeded, untrained weights. */
public final class TestModels {

    public static final int SIZE = 64;

    private TestModels() {
    }

    public static Path export(Path folder, long seed) throws IOException {
        ModelExport.export(folder, SIZE, StrokeNet.exportable(StrokeNet.initialParameters(seed)), Calibration.IDENTITY, files -> new ModelCard("test-model", "0.0.1",
                "test: untrained weights", new PreprocessingSpec(SIZE, PreprocessingSpec.Normalisation.MIN_MAX, 0), 0.5,
                "none", "none", Map.of(), "tests only", List.of("untrained"), files));
        return folder;
    }

    /** The shipped model the server makes active by default (its folder under {@code src/main/models}). */
    public static Path shipped() throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."));
        Properties config = new Properties();
        try (var in = Files.newInputStream(root.resolve("src/main/resources/META-INF/microprofile-config.properties"))) {
            config.load(in);
        }
        return root.resolve("src/main/models").resolve(config.getProperty("strokescan.model.active"));
    }

    /** A bright ring with a brighter spot inside: the rough look of a head CT slice. */
    public static PreparedImage phantom(int size) {
        float[] pixels = new float[size * size];
        double c = size / 2.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double r = Math.hypot(x - c, y - c) / (size / 2.0);
                pixels[y * size + x] = r > 0.9 ? 0f : r > 0.8 ? 1f : (Math.hypot(x - c * 1.2, y - c * 0.8) < size / 10.0 ? 0.8f : 0.4f);
            }
        }
        return new PreparedImage(pixels, size, 0, 0, size, size);
    }
}
