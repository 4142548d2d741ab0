package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.PreprocessingSpec;

class EvaluationReportTest {

    @TempDir
    Path folder;

    /** 40 patients of 20 slices; haemorrhage only in the middle of the head, for a third of the patients. */
    private static List<ScoredSlice> patients(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ScoredSlice> slices = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            boolean ill = p % 3 == 0;
            for (int s = 0; s < 20; s++) {
                int truth = ill && s >= 8 && s < 12 ? 1 : 0;
                double probability = Math.clamp(0.25 + 0.5 * truth + random.nextDouble(-0.3, 0.3), 0, 1);
                slices.add(new ScoredSlice("p" + p + "/s" + s + ".png", "p" + p, p % 5 + 1, truth,
                        ill ? "stroke" : "normal", truth == 1 && s == 9 ? List.of("subdural") : List.of(),
                        (s + 1) / 20.0, probability));
            }
        }
        return slices;
    }

    private static ModelCard card(double threshold) {
        return new ModelCard("report-test", "0.0.1", "test", new PreprocessingSpec(32, PreprocessingSpec.Normalisation.NONE, 0),
                threshold, "generated", "none", Map.of(), "tests only", List.of(), Map.of("saved_model.pb", "00"));
    }

    @Test
    void theReportHoldsTablesPlotsAndIntervalsThatAgreeWithTheData() throws Exception {
        List<ScoredSlice> scores = patients(1);
        Map<String, Double> headline = EvaluationReport.write(new EvaluationReport.Inputs(card(0.5), Path.of("generated"),
                "any_ich", scores, "Generated scores.", Map.of(), null, Map.of("NO_SKULL", 2)), folder);

        double[] p = ScoredSlice.probabilities(scores);
        int[] y = ScoredSlice.truth(scores);
        assertEquals(Evaluation.auc(p, y), headline.get("slice.auc"), 1e-12);
        Evaluation.AtThreshold at = Evaluation.at(p, y, 0.5);
        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains(String.format(java.util.Locale.ROOT, "| no haemorrhage | %d | %d |", at.tn(), at.fp())),
                "confusion matrix row");
        assertTrue(report.contains("| subdural | 14 |"), "14 ill patients with one subdural slice each");
        assertTrue(report.contains("slice position only"), "the baseline column");
        assertTrue(report.contains("## The paper's protocol") && report.contains("stroke (folder)"));
        assertTrue(report.contains("{NO_SKULL=2}"));
        assertTrue(report.contains("## Per fold") && report.contains("| pooled | 40 (14) | 800 (56) |"), "per-fold table");
        assertTrue(report.contains("The same idea cross-validated"), "the study threshold chosen fold by fold");
        for (String plot : List.of("roc.png", "precision-recall.png", "reliability.png", "confusion-matrix.png")) {
            BufferedImage image = ImageIO.read(folder.resolve(plot).toFile());
            assertTrue(image != null && image.getWidth() == 640, plot + " is a PNG");
            assertTrue(report.contains("(" + plot + ")"), plot + " is linked from the report");
        }

        JsonObject json = JsonParser.parseString(Files.readString(folder.resolve("metrics.json"))).getAsJsonObject();
        double auc = json.getAsJsonObject("metrics").getAsJsonObject("this model").get("slice.auc").getAsDouble();
        var interval = json.getAsJsonObject("intervals95").getAsJsonArray("slice.auc");
        assertEquals(headline.get("slice.auc"), auc, 1e-12);
        assertTrue(interval.get(0).getAsDouble() < auc && auc < interval.get(1).getAsDouble(),
                "the interval " + interval + " holds the estimate " + auc);
        double positionAuc = json.getAsJsonObject("metrics").getAsJsonObject("slice position only").get("slice.auc")
                .getAsDouble();
        assertTrue(positionAuc > 0.6, "haemorrhage only mid-head: position alone ranks well, " + positionAuc);
    }

    @Test
    void thePositionBaselineScoresEachFoldFromTheOtherFoldsOnly() {
        List<ScoredSlice> slices = List.of(
                new ScoredSlice("a", "p1", 1, 1, null, List.of(), 0.55, 0),
                new ScoredSlice("b", "p2", 2, 0, null, List.of(), 0.55, 0),
                new ScoredSlice("c", "p3", 2, 0, null, List.of(), 0.55, 0));
        List<ScoredSlice> scored = PositionBaseline.outOfFold(slices);
        assertEquals((0 + 1.0) / (2 + 2.0), scored.get(0).probability(), 1e-12, "fold 1 sees two negatives");
        assertEquals((1 + 1.0) / (1 + 2.0), scored.get(1).probability(), 1e-12, "fold 2 sees one positive");
    }

    @Test
    void averagePrecisionIsThePrecisionAtEachPositiveAveraged() {
        // ranks: 0.9 (+), 0.8 (−), 0.7 (+), 0.1 (−): precision 1 at the first positive, 2/3 at the second
        assertEquals((1 + 2.0 / 3) / 2, Evaluation.averagePrecision(new double[] {0.9, 0.8, 0.7, 0.1}, new int[] {1, 0, 1, 0}),
                1e-12);
    }

    @Test
    void bootstrapResamplesPatientsSoAPatientsSlicesStayTogether() {
        List<ScoredSlice> scores = patients(2);
        Bootstrap bootstrap = new Bootstrap(scores, 50, 9);
        List<Integer> sizes = new ArrayList<>();
        bootstrap.intervals(sample -> {
            sizes.add(sample.size());
            assertTrue(sample.stream().collect(java.util.stream.Collectors.groupingBy(ScoredSlice::patient)).values()
                    .stream().allMatch(s -> s.size() == 20), "every drawn patient brings all 20 slices");
            return Map.of("n", (double) sample.size());
        });
        assertTrue(sizes.stream().allMatch(n -> n == 800), "40 patients drawn each round");
    }
}
