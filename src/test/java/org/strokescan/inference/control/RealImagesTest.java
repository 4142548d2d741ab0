package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.IntakeResult.Accepted;
import org.strokescan.inference.entity.PreprocessingSpec;
import org.strokescan.inference.entity.PreprocessingSpec.Normalisation;
import org.strokescan.testing.SharedData;

/**
 * The intake and preprocessing over the real images in {@code ../shared/data} (never copied into this
 * repository): every head-CT slice decodes and prepares, and so do the real images of other kinds.
 */
class RealImagesTest {

    private static final Path DATA = SharedData.ROOT;

    private static List<Path> images(String folder) throws IOException {
        Path root = DATA.resolve(folder);
        SharedData.require(folder);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().toLowerCase().matches(".*\\.(png|jpe?g)$"))
                    .sorted().toList();
        }
    }

    @Test
    void everyHeadCtSliceDecodesAndPrepares() throws IOException {
        List<Path> slices = images("brain-ct");
        Preprocessor preprocessor = new Preprocessor(new PreprocessingSpec(128, Normalisation.NONE, 0));
        ImageIntake intake = new ImageIntake();
        for (Path slice : slices) {
            IntakeResult result = intake.read(Files.readAllBytes(slice));
            assertTrue(result instanceof Accepted, slice + ": " + result);
            assertEquals(128 * 128, preprocessor.prepare(((Accepted) result).image()).tensor().length);
        }
        assertTrue(slices.size() > 1000, "the dataset holds about 2,000 slices, found " + slices.size());
    }

    @Test
    void realPngsOfEveryOtherKindDecodeToo() throws IOException {
        // X-rays, MRI, photos, documents, screenshots: all valid PNGs of many colour types and depths. The
        // intake must decode them all; telling them from head CT is the classifier's input gate, not the intake's.
        List<Path> files = images("non-ct");
        ImageIntake intake = new ImageIntake();
        Map<String, Integer> depths = new TreeMap<>();
        for (Path file : files) {
            IntakeResult result = intake.read(Files.readAllBytes(file));
            assertTrue(result instanceof Accepted, file + ": " + result);
            depths.merge(((Accepted) result).bitDepth() + "-bit", 1, Integer::sum);
        }
        System.out.println("Intake decoded " + files.size() + " non-head-CT images; bit depths: " + depths);
    }
}
