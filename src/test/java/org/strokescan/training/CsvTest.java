package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {

    @TempDir
    Path work;

    @Test
    void valuesWithCommasQuotesAndLineEndsComeBackAsTheyWere() throws IOException {
        List<String> awkward = List.of("images/a,b.png", "say \"hi\"", "two\nlines", "carriage\r\nreturn", "", " padded ",
                "#not a comment", "=1+1", "plain");
        Path file = work.resolve("awkward.csv");
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = Csv.printer(writer, "value", "index")) {
            for (int i = 0; i < awkward.size(); i++) {
                csv.printRecord(awkward.get(i), i);
            }
        }

        Csv.Table table = Csv.read(file);

        assertEquals(List.of("value", "index"), table.header());
        assertEquals(awkward, table.rows().stream().map(row -> row.get("value")).toList());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8"),
                table.rows().stream().map(row -> row.get("index")).toList());
    }

    @Test
    void plainValuesAreWrittenUnquotedWithLineFeeds() throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = Csv.printer(out, "file", "patient", "fold", "probability")) {
            csv.printRecord("images/a.png", "p1", 3, "0.123456");
            csv.printRecord("extra-images/b c.png", "extra-7", 1, "1.000000");
        }
        assertEquals("file,patient,fold,probability\nimages/a.png,p1,3,0.123456\nextra-images/b c.png,extra-7,1,1.000000\n",
                out.toString());
    }

    @Test
    void aCommentBeforeTheHeaderIsWrittenAndReadBack() throws IOException {
        Path file = work.resolve("predictions.csv");
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = Csv.printer(writer, List.of("best epoch 4"), "file", "probability")) {
            csv.printRecord("a.png", "0.5");
        }
        assertEquals("# best epoch 4\nfile,probability\na.png,0.5\n", Files.readString(file));
        Csv.Table table = Csv.readCommented(file);
        assertEquals("best epoch 4", table.comment());
        assertEquals("a.png", table.rows().getFirst().get("file"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n"})
    void lineEndsOfEitherKindParse(String end) throws IOException {
        Path file = Files.writeString(work.resolve("manifest.csv"),
                "file,patient_id,any_ich" + end + "\"images/a, first.png\",7,1" + end + end + "b.png,8,0" + end);
        Csv.Table table = Csv.read(file);
        assertEquals(List.of("file", "patient_id", "any_ich"), table.header());
        assertEquals(2, table.rows().size(), "the empty line is skipped");
        CSVRecord first = table.rows().getFirst();
        assertEquals(Map.of("file", "images/a, first.png", "patient_id", "7", "any_ich", "1"), first.toMap());
        assertEquals("0", table.rows().get(1).get("any_ich"), "no carriage return is left on the last value");
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        Path file = Files.writeString(work.resolve("manifest.csv"), "file,patient_id\na.png,7\n");
        IOException missing = assertThrows(IOException.class, () -> Csv.read(file).require("file", "any_ich"));
        assertTrue(missing.getMessage().contains("has no column any_ich"), missing.getMessage());
        Files.writeString(file, "");
        assertThrows(IOException.class, () -> Csv.read(file));
    }

    /** The committed out-of-fold files (read by the model card's report and ShippedModelTest) are what we write. */
    @ParameterizedTest
    @ValueSource(strings = {"1.2.0", "1.3.0", "2.0.0"})
    void committedOutOfFoldFilesAreWrittenByteForByteAsTheyAre(String version) throws IOException {
        Path committed = Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."))
                .resolve("src/main/models/strokescan-ich/" + version + ".report/out-of-fold.csv");
        Csv.Table table = Csv.read(committed);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = Csv.printer(out, table.header().toArray(String[]::new))) {
            for (CSVRecord row : table.rows()) {
                csv.printRecord(row.values());
            }
        }
        assertArrayEquals(Files.readAllBytes(committed), out.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(new ArrayList<>(table.header()).subList(0, 2), List.of("file", "patient"));
    }
}
