package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.training.Csv;
import org.strokescan.training.HeadPhantom;
import org.strokescan.training.TestModels;

class PredictCommandTest {

    /** A file name a CSV must quote. */
    private static final String AWKWARD = "d, \"quoted\".png";

    @TempDir
    Path work;

    @Test
    void aFolderOfImagesBecomesOneCsvRowPerImage() throws Exception {
        Path model = TestModels.export(work.resolve("model"), 11L);
        Path images = Files.createDirectories(work.resolve("images"));
        Files.write(images.resolve("a.png"), HeadPhantom.png(256, false));
        Files.write(images.resolve("b.png"), HeadPhantom.png(200, true));
        Files.writeString(images.resolve("c.jpg"), "not really a jpeg");
        Files.write(images.resolve(AWKWARD), HeadPhantom.png(180, false));
        Files.writeString(images.resolve("notes.txt"), "skipped: folders give only .png/.jpg/.jpeg files");
        Path single = Files.write(work.resolve("single.png"), HeadPhantom.png(128, false));
        Path csv = work.resolve("preds.csv");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"predict", images.toString(), single.toString(), "--out", csv.toString(),
                "--model", model.toString()}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("file,probability,label,model_version,status", lines.getFirst());
        assertEquals(images.resolve("c.jpg") + ",,,0.0.1,rejected:unsupported-type", lines.get(3));
        List<CSVRecord> rows = Csv.read(csv).rows();
        assertEquals(List.of(images.resolve("a.png"), images.resolve("b.png"), images.resolve("c.jpg"),
                images.resolve(AWKWARD), single).stream().map(Path::toString).toList(),
                rows.stream().map(row -> row.get("file")).toList(), "every file once, a comma or quote in its name kept");
        for (CSVRecord row : List.of(rows.get(0), rows.get(1), rows.get(3), rows.get(4))) {
            double p = Double.parseDouble(row.get("probability"));
            assertTrue(p >= 0 && p <= 1, row.toString());
            assertEquals(p >= 0.5 ? "positive" : "negative", row.get("label"), row.toString());
            assertEquals("0.0.1", row.get("model_version"));
            assertEquals("ok", row.get("status"));
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("c.jpg: This is not a PNG or JPEG"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingModelIsAClearErrorNotAStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"predict", work.toString(), "--out", work.resolve("p.csv").toString(), "--model",
                work.resolve("nowhere").toString()}, Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no readable model-card.json"), err.toString(StandardCharsets.UTF_8));
    }
}
