package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        Trainer.Settings settings = new Trainer.Settings(SIZE, 4, 3, 10, 0.01f, 1e-4f, 5L, 0);
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
        ModelExport.export(work.resolve("m"), SIZE, StrokeNet.exportable(parameters), Calibration.IDENTITY, files -> new ModelCard("trained-test", "0.0.1", "test",
                SPEC, 0.5, "phantoms", "none", Map.of(), "tests only", List.of(), files));
        try (StrokeModel model = StrokeModel.load(work.resolve("m"), 1)) {
            for (int i = 0; i < slices.size(); i++) {
                PreparedImage image = new PreparedImage(slices.get(i).tensor(), SIZE, 0, 0, SIZE, SIZE);
                assertEquals(learnt[i], model.probability(image), 1e-5, "slice " + i);
            }
        }
    }

    @Test
    void aRunResumedFromItsCheckpointEndsWhereAnUninterruptedRunEnds() {
        List<Slices.Slice> slices = phantoms();
        Trainer.Settings threeEpochs = new Trainer.Settings(SIZE, 4, 3, 10, 0.01f, 1e-4f, 7L, 2);
        Map<String, float[]> uninterrupted;
        try (Trainer trainer = new Trainer(threeEpochs)) {
            trainer.fit(slices, List.of(), e -> { }, work.resolve("straight"));
            uninterrupted = trainer.parameters();
        }
        try (Trainer trainer = new Trainer(threeEpochs.withEpochs(1))) {
            trainer.fit(slices, List.of(), e -> { }, work.resolve("interrupted"));
        }
        List<Integer> resumedEpochs = new ArrayList<>();
        Map<String, float[]> resumed;
        try (Trainer trainer = new Trainer(threeEpochs)) {
            List<Trainer.Epoch> epochs = trainer.fit(slices, List.of(), e -> resumedEpochs.add(e.number()),
                    work.resolve("interrupted"));
            assertEquals(List.of(1, 2, 3), epochs.stream().map(Trainer.Epoch::number).toList(), "the log includes the first epoch");
            resumed = trainer.parameters();
        }
        assertEquals(List.of(2, 3), resumedEpochs, "only the missing epochs ran");
        uninterrupted.forEach((name, values) -> {
            float[] other = resumed.get(name);
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], other[i], 1e-4, name + "[" + i + "]");
            }
        });
    }

    @Test
    void twoRunsWithTheSameSeedLearnTheSameParameters() {
        Trainer.Settings settings = new Trainer.Settings(SIZE, 4, 3, 10, 0.01f, 1e-4f, 7L, 0);
        List<Map<String, float[]>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (Trainer trainer = new Trainer(settings)) {
                trainer.fit(phantoms(), List.of(), e -> { });
                runs.add(trainer.parameters());
            }
        }
        runs.getFirst().forEach((name, values) -> assertArrayEquals(values, runs.get(1).get(name), 1e-6f, name));
    }

    @Test
    void averagingEndsOnTheMeanOfTheAveragedEpochsParameters() {
        List<Slices.Slice> slices = phantoms();
        Trainer.Settings settings = new Trainer.Settings(SIZE, 4, 3, 10, 0.01f, 1e-4f, 9L, 2);
        List<Map<String, float[]>> perEpoch = new ArrayList<>();
        for (int epochs = 2; epochs <= 3; epochs++) {
            try (Trainer trainer = new Trainer(settings.withEpochs(epochs))) {
                // averaging from epoch 2 over a run of 2 epochs leaves epoch 2's own parameters
                trainer.fit(slices, List.of(), e -> { }, work.resolve("run" + epochs));
                perEpoch.add(trainer.parameters());
            }
        }
        Checkpoint last = Checkpoint.read(work.resolve("run3"));
        Map<String, float[]> epochThree = last.group("param/");
        float[] two = perEpoch.get(0).get("conv1/kernel");
        float[] three = epochThree.get("conv1/kernel");
        float[] averaged = perEpoch.get(1).get("conv1/kernel");
        assertFalse(Arrays.equals(two, three), "epoch 3 moved the parameters");
        for (int i = 0; i < averaged.length; i++) {
            assertEquals((two[i] + three[i]) / 2, averaged[i], 1e-4, "conv1/kernel[" + i + "]");
        }
    }

    private static List<Slices.Slice> phantoms() {
        List<Slices.Slice> slices = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean bleed = i % 2 == 0;
            slices.add(new Slices.Slice("s" + i, "p" + (i / 3), bleed ? 1 : 0, prepare(HeadPhantom.png(64 + i, bleed)).tensor()));
        }
        return slices;
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
