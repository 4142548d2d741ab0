package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.testing.SharedData;
import org.strokescan.training.FramingAugmenter.Transform;

/**
 * The active model against what its card claims, on {@code ../shared/data} (never part of the repository).
 * <ul>
 * <li>The out-of-fold predictions committed with its report give exactly the card's cross-validation metrics.</li>
 * <li>Its pass through the serving path over the development set — training-set numbers — ranks slices and studies
 * at least as well as the card claims; a lower value means the shipped files are not the model the card
 * describes.</li>
 * <li>The learned input gate, on patients it was not trained on (even patient numbers), accepts head CT through
 * every framing transform of the stress set and refuses the held-out half of the non-CT images.</li>
 * </ul>
 */
class ShippedModelTest {

    private static final Path ROOT = Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."));
    private static final Path DATA = SharedData.ROOT;
    /** Held-out slices per framing transform: enough that one refusal moves the rate by less than a point. */
    private static final int STRESS_SLICES = 120;

    private static ModelCard card;
    private static StrokeModel model;
    private static ImageClassifier classifier;

    static Path activeModel() throws IOException {
        return TestModels.shipped();
    }

    @BeforeAll
    static void load() throws IOException {
        SharedData.require("brain-ct", "non-ct");
        card = ModelCards.read(activeModel());
        assertNotNull(card.study(), "the active model carries a study rule");
        assertNotNull(card.gate(), "the active model carries a learned input gate");
        model = StrokeModel.load(activeModel(), 2);
        classifier = new ImageClassifier(new ImageIntake(), model);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void theCommittedOutOfFoldPredictionsGiveTheCardsMetrics() throws IOException {
        Path outOfFold = activeModel().resolveSibling(card.version() + ".report").resolve(TrainingRun.OUT_OF_FOLD);
        List<Map<String, String>> rows = csv(outOfFold).stream().filter(r -> TriageTraining.MAIN.equals(r.get("source")))
                .toList();
        double[] p = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("probability"))).toArray();
        int[] y = rows.stream().mapToInt(r -> Integer.parseInt(r.get("label"))).toArray();
        Map<String, double[]> studies = new TreeMap<>(); // patient -> study probability, flagged, haemorrhage
        for (Map<String, String> r : rows) {
            double[] study = studies.computeIfAbsent(r.get("patient"), k -> new double[] {
                    Double.parseDouble(r.get("study_probability")), Integer.parseInt(r.get("study_positive")), 0});
            study[2] = Math.max(study[2], Integer.parseInt(r.get("label")));
        }
        double[] studyP = studies.values().stream().mapToDouble(s -> s[0]).toArray();
        int[] studyY = studies.values().stream().mapToInt(s -> (int) s[2]).toArray();
        long flagged = studies.values().stream().filter(s -> s[2] == 1 && s[1] == 1).count();
        long cleared = studies.values().stream().filter(s -> s[2] == 0 && s[1] == 0).count();
        long positives = studies.values().stream().filter(s -> s[2] == 1).count();

        Map<String, Double> card = ShippedModelTest.card.metrics();
        assertEquals(card.get("slice.auc"), Evaluation.auc(p, y), 1e-4, "slice AUC");
        assertEquals(card.get("slice.ece"), Evaluation.expectedCalibrationError(p, y), 1e-4, "slice ECE");
        assertEquals(card.get("study.auc"), Evaluation.auc(studyP, studyY), 1e-4, "study AUC");
        assertEquals(card.get("study.sensitivity"), (double) flagged / positives, 1e-9, "patients with haemorrhage flagged");
        assertEquals(card.get("study.specificity"), (double) cleared / (studies.size() - positives), 1e-9,
                "patients without haemorrhage cleared");
    }

    @Test
    void theServingPassRanksTheDevelopmentSetAtLeastAsWellAsTheCardClaims() throws IOException {
        Path folder = DATA.resolve("brain-ct");
        List<Slices.Entry> entries = Slices.manifest(folder, "any_ich");
        List<Double> p = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        Map<String, List<Double>> byPatient = new TreeMap<>();
        Map<String, Integer> patientTruth = new TreeMap<>();
        int refused = 0;
        for (Slices.Entry entry : entries) {
            Classification result = classifier.classify(Files.readAllBytes(folder.resolve(entry.file())));
            if (result instanceof Classification.Classified classified) {
                p.add((double) classified.probability());
                y.add(entry.label());
                byPatient.computeIfAbsent(entry.patient(), k -> new ArrayList<>()).add((double) classified.probability());
            } else {
                refused++;
            }
            patientTruth.merge(entry.patient(), entry.label(), Math::max);
        }
        StudyRule rule = card.study();
        double[] studyP = byPatient.values().stream()
                .mapToDouble(s -> rule.score(s.stream().mapToDouble(Double::doubleValue).toArray()).probability()).toArray();
        int[] studyY = byPatient.keySet().stream().mapToInt(patientTruth::get).toArray();
        double sliceAuc = Evaluation.auc(p.stream().mapToDouble(Double::doubleValue).toArray(),
                y.stream().mapToInt(Integer::intValue).toArray());
        double studyAuc = Evaluation.auc(studyP, studyY);
        System.out.printf(Locale.ROOT, "serving pass over the development set (training-set check): slice AUC %.3f"
                + " (card, out of fold: %.3f), study AUC %.3f (card %.3f), gate refused %d of %d%n", sliceAuc,
                card.metrics().get("slice.auc"), studyAuc, card.metrics().get("study.auc"), refused, entries.size());
        assertTrue(sliceAuc >= card.metrics().get("slice.auc"), "slice AUC through the serving path " + sliceAuc);
        assertTrue(studyAuc >= card.metrics().get("study.auc"), "study AUC through the serving path " + studyAuc);
        assertTrue(refused <= 0.01 * entries.size(), "the gate refuses at most 1 % of the slices: " + refused);
    }

    /**
     * The framing stress set of issue 17, built here from held-out patients and never stored: each transform alone
     * at a random strength within the ranges, with other random draws than training's own measurement.
     */
    @Test
    void theGateAcceptsFramedHeadCtOfHeldOutPatientsAndRefusesHeldOutNonCt() throws IOException {
        Path folder = DATA.resolve("brain-ct");
        List<Slices.Entry> heldOut = Slices.manifest(folder, "any_ich").stream()
                .filter(e -> !TriageTraining.gateTrainingPatient(e.patient())).toList();
        ImageIntake intake = new ImageIntake();
        SplittableRandom random = new SplittableRandom(20261204);
        Map<Transform, Integer> accepted = new LinkedHashMap<>();
        for (Transform transform : Transform.values()) {
            int count = 0;
            for (int i = 0; i < STRESS_SLICES; i++) {
                Slices.Entry entry = heldOut.get(random.nextInt(heldOut.size()));
                var image = (IntakeResult.Accepted) intake.read(Files.readAllBytes(folder.resolve(entry.file())));
                byte[] framed = FramingAugmenter.apply(image.image(), transform, random);
                count += classifier.classify(framed) instanceof Classification.Classified ? 1 : 0;
            }
            accepted.put(transform, count);
        }
        Path other = DATA.resolve("non-ct");
        Map<String, int[]> byCategory = new TreeMap<>(); // category -> held-out images, refused
        Map<String, Integer> seen = new TreeMap<>();
        for (Map<String, String> row : csv(other.resolve("manifest.csv"))) {
            int index = seen.merge(row.get("category"), 1, Integer::sum) - 1;
            if (index % 2 == 1) { // every other image of each category, from the first, trained the gate
                int[] counts = byCategory.computeIfAbsent(row.get("category"), c -> new int[2]);
                counts[0]++;
                counts[1] += classifier.classify(Files.readAllBytes(other.resolve(row.get("file"))))
                        instanceof Classification.Refused ? 1 : 0;
            }
        }
        accepted.forEach((t, n) -> System.out.printf(Locale.ROOT, "  gate, held-out head CT, %-12s accepted %d/%d%n",
                t, n, STRESS_SLICES));
        byCategory.forEach((c, n) -> System.out.printf(Locale.ROOT, "  gate, held-out non-CT, %-20s refused %d/%d%n",
                c, n[1], n[0]));
        accepted.forEach((t, n) -> assertTrue(n >= 0.99 * STRESS_SLICES, t + ": head CT accepted " + n + "/" + STRESS_SLICES));
        int negatives = byCategory.values().stream().mapToInt(n -> n[0]).sum();
        int refused = byCategory.values().stream().mapToInt(n -> n[1]).sum();
        assertTrue(refused >= 0.98 * negatives, "non-CT refused " + refused + "/" + negatives);
    }

    @Test
    void aHeatMapIsDrawnForHeadCtAndRefusedByTheLearnedGateForAnythingElse() throws IOException {
        Path slice = DATA.resolve("brain-ct").resolve(Slices.manifest(DATA.resolve("brain-ct"), "any_ich").getFirst().file());
        assertTrue(classifier.explain(Files.readAllBytes(slice)).png().isPresent(), "heat map of " + slice);
        Path xray = DATA.resolve("non-ct").resolve(csv(DATA.resolve("non-ct/manifest.csv")).stream()
                .filter(r -> r.get("category").equals("chest_xray")).findFirst().orElseThrow().get("file"));
        var refused = classifier.explain(Files.readAllBytes(xray)).refused();
        assertTrue(refused.isPresent() && refused.get().reason() == GateVerdict.Reason.NOT_HEAD_CT, xray + ": " + refused);
    }

    /** A small comma-separated file with a header row and no quoted fields, as rows by column name. */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.getFirst().split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] fields = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], fields[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
