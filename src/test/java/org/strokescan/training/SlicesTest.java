package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.control.HeadPhantom;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.PreprocessingSpec;

class SlicesTest {

    @TempDir
    Path data;

    @Test
    void trainingSeesExactlyTheTensorsThatServingPrepares() throws Exception {
        Files.write(data.resolve("a.png"), HeadPhantom.png(256, true));
        Files.write(data.resolve("b.png"), HeadPhantom.png(180, false));
        Files.writeString(data.resolve("manifest.csv"), "file,patient_id,any_ich\na.png,7,1\nb.png,8,0\n");
        PreprocessingSpec spec = new PreprocessingSpec(64, PreprocessingSpec.Normalisation.STANDARDIZE, 3);

        List<Slices.Slice> slices = Slices.load(data, "any_ich", new Preprocessor(spec));

        assertEquals(2, slices.size());
        assertEquals("7", slices.get(0).patient());
        assertEquals(1, slices.get(0).label());
        IntakeResult.Accepted served = (IntakeResult.Accepted) new ImageIntake().read(Files.readAllBytes(data.resolve("b.png")));
        assertArrayEquals(new Preprocessor(spec).prepare(served.image()).tensor(), slices.get(1).tensor());
    }
}
