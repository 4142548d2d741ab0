package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.control.HeadPhantom;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.PreparedImage;
import org.strokescan.inference.entity.PreprocessingSpec;

class TrainerTest {

    private static final int SIZE = 32;
    private static final PreprocessingSpec SPEC = new PreprocessingSpec(SIZE, PreprocessingSpec.Normalisation.NONE, 0);

    @TempDir
    Path work;

    @Test
    void theExportedModelComputesWhatTheTrainerLearnt() throws Exception {
        List<Slices.Slice> slices = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean bleed = i % 2 == 0;
            slices.add(new Slices.Slice("s" + i, "p" + (i / 3), bleed ? 1 : 0, prepare(HeadPhantom.png(64 + i, bleed)).tensor()));
        }
        Trainer.Settings settings = new Trainer.Settings(SIZE, 4, 3, 10, 0.01f, 1e-4f, 5L);
        float[] learnt;
        Map<String, float[]> parameters;
        try (Trainer trainer = new Trainer(settings)) {
            List<Trainer.Epoch> epochs = trainer.fit(slices, List.of(), e -> { });
            assertEquals(3, epochs.size());
            learnt = trainer.predict(slices);
            parameters = trainer.parameters();
        }
        assertFalse(Arrays.equals(parameters.get("conv0/kernel"), StrokeNet.initialParameters(5L).get("conv0/kernel")),
                "training changed the parameters");
        ModelExport.export(work.resolve("m"), SIZE, parameters, files -> new ModelCard("trained-test", "0.0.1", "test",
                SPEC, 0.5, "phantoms", "none", Map.of(), "tests only", List.of(), files));
        try (StrokeModel model = StrokeModel.load(work.resolve("m"), 1)) {
            for (int i = 0; i < slices.size(); i++) {
                PreparedImage image = new PreparedImage(slices.get(i).tensor(), SIZE, 0, 0, SIZE, SIZE);
                assertEquals(learnt[i], model.probability(image), 1e-5, "slice " + i);
            }
        }
    }

    @Test
    void foldsSplitPatientsNeverSlicesAndEachFoldHasPositivePatients() {
        Map<String, List<Slices.Slice>> patients = new LinkedHashMap<>();
        for (int p = 0; p < 23; p++) {
            List<Slices.Slice> own = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                own.add(new Slices.Slice("p" + p + "s" + s, "p" + p, p % 3 == 0 && s == 1 ? 1 : 0, new float[0]));
            }
            patients.put("p" + p, own);
        }
        List<List<String>> folds = TrainingRun.folds(patients, 5, 42L);
        assertEquals(5, folds.size());
        Set<String> seen = new HashSet<>();
        for (List<String> fold : folds) {
            for (String patient : fold) {
                assertTrue(seen.add(patient), patient + " is in two folds");
            }
            assertTrue(fold.stream().anyMatch(p -> Integer.parseInt(p.substring(1)) % 3 == 0), "a fold without positives: " + fold);
        }
        assertEquals(patients.keySet(), seen);
        assertEquals(folds, TrainingRun.folds(patients, 5, 42L), "the same seed gives the same folds");
    }

    private static PreparedImage prepare(byte[] png) {
        return new Preprocessor(SPEC).prepare(((IntakeResult.Accepted) new ImageIntake().read(png)).image());
    }
}
