package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.PreparedImage;
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

    @Test
    void aManifestWithQuotedValuesAndWindowsLineEndsIsReadByColumnName() throws Exception {
        Files.writeString(data.resolve("manifest.csv"), "patient_id,\"file\",any_ich,label,intraventricular,subdural,"
                + "ctich_slice_number,box\r\n"
                + "49,\"images/a, \"\"first\"\".png\",1,stroke,0,1,10,\"230,150,314,226\"\r\n"
                + "\r\n"
                + "49,images/b.png,0,stroke,0,0,20,\r\n");

        List<Slices.Annotated> rows = Slices.annotated(data, "any_ich");

        assertEquals(2, rows.size());
        assertEquals(new Slices.Entry("images/a, \"first\".png", "49", 1), rows.get(0).entry());
        assertEquals(new Slices.Entry("images/b.png", "49", 0), rows.get(1).entry());
        assertEquals("stroke", rows.get(0).folderLabel());
        assertEquals(List.of("subdural"), rows.get(0).subtypes());
        assertEquals(0.5, rows.get(0).position(), 1e-9);
        assertEquals(1.0, rows.get(1).position(), 1e-9, "no carriage return is left on the line's last value");
    }

    @Test
    void aQuarterTurnIsClockwise() {
        // 2×2: a b / c d turned clockwise is c a / d b
        PreparedImage square = new PreparedImage(new float[] {1, 2, 3, 4}, 2, 0, 0, 2, 2);
        assertArrayEquals(new float[] {3, 1, 4, 2}, Slices.rotate(square, 1));
        assertArrayEquals(new float[] {1, 2, 3, 4}, Slices.rotate(square, 4));
    }
}
