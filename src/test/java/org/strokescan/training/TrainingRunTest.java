package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.entity.ModelCard;

/** The whole training protocol on a small generated dataset, in seconds: folds, calibration, export, resume. */
class TrainingRunTest {

    private static final int PATIENTS = 9;
    private static final int SLICES = 4;

    /** A file name that needs quoting in a CSV. */
    private static final String AWKWARD = "images/p1_0, \"first\".png";

    @TempDir
    Path work;

    /**
     * Phantom head slices; a third of the patients bleed on their middle two slices. The manifest has Windows line
     * ends, and one file name a comma and quotes (quoted as RFC 4180 says), which every CSV the run writes and reads
     * back (fold predictions, out-of-fold file) must carry through.
     */
    private Path dataset() throws IOException {
        Path data = work.resolve("data");
        Files.createDirectories(data.resolve("images"));
        StringBuilder manifest = new StringBuilder("file,patient_id,any_ich,label,ctich_slice_number\r\n");
        for (int p = 0; p < PATIENTS; p++) {
            for (int s = 0; s < SLICES; s++) {
                boolean bleed = p % 3 == 0 && (s == 1 || s == 2);
                String file = p == 1 && s == 0 ? AWKWARD : "images/p" + p + "_" + s + ".png";
                Files.write(data.resolve(file), HeadPhantom.png(96 + 4 * p + s, bleed));
                manifest.append(file.equals(AWKWARD) ? "\"" + file.replace("\"", "\"\"") + "\"" : file)
                        .append(",p").append(p).append(',').append(bleed ? 1 : 0).append(',')
                        .append(p % 3 == 0 ? "stroke" : "normal").append(',').append(s + 1).append("\r\n");
            }
        }
        Files.writeString(data.resolve("manifest.csv"), manifest, StandardCharsets.UTF_8);
        return data;
    }

    private TrainingRun.Plan plan(Path data, String version, boolean resume) {
        Trainer.Settings settings = new Trainer.Settings(32, 8, 6, 10, 0.005f, 1e-4f, 3L, 3);
        return new TrainingRun.Plan(data, "any_ich", work.resolve("models/" + version), work.resolve("work"), resume,
                "run-test", version, 3, 0.95, new CnnLearner(settings), 3L, "phantoms", null, 0, "tests only");
    }

    @Test
    void aRunCrossValidatesCalibratesExportsAndResumesWithoutRedoingFinishedFolds() throws Exception {
        Path data = dataset();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ModelCard card = TrainingRun.run(plan(data, "0.0.1", false), new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);

        Matcher losses = Pattern.compile("epoch +(\\d+) +train loss ([0-9.]+)").matcher(text);
        double first = Double.NaN;
        double last = Double.NaN;
        while (losses.find()) {
            double loss = Double.parseDouble(losses.group(2));
            if (losses.group(1).equals("1") && Double.isNaN(first)) {
                first = loss;
            }
            if (losses.group(1).equals("6") && Double.isNaN(last)) {
                last = loss;
            }
        }
        assertTrue(last < first, "the first fold's training loss went down: " + first + " → " + last);

        Csv.Table outOfFold = Csv.read(work.resolve("work").resolve(TrainingRun.OUT_OF_FOLD));
        assertEquals(List.of("file", "patient", "fold", "label", "probability", "uncalibrated"), outOfFold.header());
        assertEquals(PATIENTS * SLICES, outOfFold.rows().size(), "one row per slice");
        assertTrue(outOfFold.rows().stream().anyMatch(row -> row.get("file").equals(AWKWARD)), "the file name as given");
        Map<String, String> foldOfPatient = new HashMap<>();
        for (CSVRecord row : outOfFold.rows()) {
            String previous = foldOfPatient.put(row.get("patient"), row.get("fold"));
            assertTrue(previous == null || previous.equals(row.get("fold")), "patient " + row.get("patient")
                    + " is in one fold only");
            assertTrue(row.get("probability").matches("[01]\\.\\d{6}"), row.toString());
        }
        assertEquals(3, foldOfPatient.values().stream().distinct().count());

        Path report = work.resolve("report");
        ModelEvaluation.Result evaluation = ModelEvaluation.evaluate(new ModelEvaluation.Request(
                work.resolve("models/0.0.1"), data, "any_ich", work.resolve("work").resolve(TrainingRun.OUT_OF_FOLD),
                Map.of(), report));
        for (String metric : List.of("slice.auc", "slice.sensitivity", "slice.ece", "patient.auc")) {
            assertEquals(card.metrics().get(metric), evaluation.headline().get(metric), 1e-4,
                    metric + ": the card states what the out-of-fold file gives");
        }
        assertEquals(card, ModelCards.read(work.resolve("models/0.0.1")));
        assertTrue(Files.exists(report.resolve("roc.png")) && Files.exists(report.resolve(TrainingRun.OUT_OF_FOLD)));

        IOException refused = assertThrows(IOException.class,
                () -> TrainingRun.run(plan(data, "0.0.2", false), new PrintStream(new ByteArrayOutputStream())));
        assertTrue(refused.getMessage().contains("--resume"), refused.getMessage());

        ByteArrayOutputStream resumedLog = new ByteArrayOutputStream();
        ModelCard resumed = TrainingRun.run(plan(data, "0.0.2", true), new PrintStream(resumedLog, true, StandardCharsets.UTF_8));
        String resumedText = resumedLog.toString(StandardCharsets.UTF_8);
        assertEquals(3, resumedText.split("done before", -1).length - 1, "all three folds were read back, not retrained");
        assertTrue(!resumedText.contains("epoch  1"), "the final model's checkpoint was complete too: " + resumedText);
        assertEquals(card.metrics(), resumed.metrics());
        assertEquals(card.threshold(), resumed.threshold());
    }

    @Test
    void aFoldsPredictionsAreReadBackAsWrittenWhateverTheFileNames() throws IOException {
        Map<String, Double> predictions = new java.util.LinkedHashMap<>();
        predictions.put("images/a.png", 0.25);
        predictions.put("images/b, \"c\".png", 1.0E-7);
        predictions.put("images/two\nlines.png", 0.9999999999);
        Path folder = work.resolve("fold-1");

        new TrainingRun.FoldResult(4, predictions).write(folder);

        assertTrue(Files.readString(folder.resolve("predictions.csv")).startsWith("# best epoch 4\nfile,probability\n"
                + "images/a.png,0.25\n"));
        assertEquals(new TrainingRun.FoldResult(4, predictions), TrainingRun.FoldResult.read(folder));
    }
}
