package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.training.Csv;
import org.strokescan.training.HeadPhantom;
import org.strokescan.training.TestModels;

/** The {@code triage} contract on generated studies, scored by the model card's study rule as the server scores them. */
class TriageCommandTest {

    @TempDir
    Path work;

    @Test
    void eachFolderIsOneStudyScoredByTheCardsStudyRule() throws Exception {
        Path model = TestModels.export(work.resolve("model"), 11L);
        ModelCard plain = ModelCards.read(model);
        StudyRule rule = new StudyRule(2, 1.3, -0.2, 0.5);
        ModelCard card = new ModelCard(plain.name(), plain.version(), plain.task(), plain.preprocessing(),
                plain.threshold(), plain.trainingData(), plain.validation(), plain.metrics(), plain.intendedUse(),
                plain.limitations(), plain.files(), rule, null);
        ModelCards.write(model, card);

        Path first = study("IM", HeadPhantom.png(256, false), HeadPhantom.png(200, true), HeadPhantom.png(180, false));
        Path second = study("slice", HeadPhantom.png(240, true));
        Files.writeString(second.resolve("slice9.jpg"), "not really a jpeg");
        Path refusedOnly = Files.createDirectories(work.resolve("nothing, \"usable\""));
        Files.writeString(refusedOnly.resolve("a.png"), "not a png");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path csv = work.resolve("studies.csv");
        int exit = Main.run(new String[] {"triage", first.toString(), second.toString(), refusedOnly + "/", "--out",
                csv.toString(), "--model", model.toString()}, Map.of(), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(csv);
        assertEquals("study,probability,label,slices,rejected,model_version", rows.getFirst());
        assertEquals(4, rows.size(), rows.toString());
        assertRow(rows.get(1), first, predictions(model, first), 3, 0, rule);
        // one slice, fewer than the rule's two: judged as that slice, at the slice threshold
        assertRow(rows.get(2), second, predictions(model, second), 1, 1, card.studyRuleFor(1));
        CSVRecord refusedRow = Csv.read(csv).rows().get(2);
        assertEquals(List.of(refusedOnly + "/", "", "", "0", "1", "0.0.1"), refusedRow.toList(),
                "the folder as given, slash, comma, quotes and all");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no slice could be classified"));
    }

    @Test
    void unknownOptionsAndMissingFoldersAreErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(Main.USAGE, Main.run(new String[] {"triage", work.toString(), "--out", "x.csv", "--averge", "3"},
                Map.of(), System.out, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --averge"), err.toString(StandardCharsets.UTF_8));
        assertEquals(Main.USAGE, Main.run(new String[] {"triage", work.resolve("absent").toString(), "--out", "x.csv"},
                Map.of(), System.out, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a study folder"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void slicesComeInNaturalNameOrder() {
        List<String> names = Arrays.asList("IM10.png", "IM2.png", "IM1.png", "a.png");
        names.sort(TriageCommand::natural);
        assertEquals(List.of("IM1.png", "IM2.png", "IM10.png", "a.png"), names);
    }

    private Path study(String prefix, byte[]... slices) throws Exception {
        Path folder = Files.createDirectories(work.resolve("study-" + prefix));
        for (int i = 0; i < slices.length; i++) {
            Files.write(folder.resolve(prefix + (i + 1) + ".png"), slices[i]);
        }
        return folder;
    }

    /** The slice probabilities {@code predict} gives for the folder's classified files. */
    private double[] predictions(Path model, Path folder) throws Exception {
        Path csv = work.resolve(folder.getFileName() + "-preds.csv");
        assertEquals(0, Main.run(new String[] {"predict", folder.toString(), "--out", csv.toString(), "--model",
                model.toString()}, Map.of(), System.out, System.err));
        return Files.readAllLines(csv).stream().skip(1).map(r -> r.split(",", -1)).filter(f -> "ok".equals(f[4]))
                .mapToDouble(f -> Double.parseDouble(f[1])).toArray();
    }

    private static void assertRow(String row, Path folder, double[] slices, int classified, int rejected, StudyRule rule) {
        String[] f = row.split(",", -1);
        assertEquals(folder.toString(), f[0]);
        StudyRule.Score expected = rule.score(slices);
        assertEquals(expected.probability(), Double.parseDouble(f[1]), 1e-5, row);
        assertEquals(expected.positive() ? "positive" : "negative", f[2], row);
        assertEquals(String.valueOf(classified), f[3]);
        assertEquals(String.valueOf(rejected), f[4]);
        assertEquals("0.0.1", f[5]);
    }
}
