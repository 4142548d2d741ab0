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
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.training.Csv;
import org.strokescan.training.TestModels;
import org.w3c.dom.NodeList;

/**
 * {@code demo-series}: what a new user tries first in a clone without any dataset. Its slices must say what they
 * are wherever they go, and the shipped model's gate must take them, or the first try ends in refusals.
 */
class DemoSeriesCommandTest {

    @TempDir
    Path work;

    @Test
    void writesTwoLabelledSeriesThatTheShippedModelClassifies() throws Exception {
        Path out = work.resolve("demo");
        assertEquals(0, run("demo-series", "--out", out.toString(), "--slices", "12", "--size", "256"));

        for (String series : List.of(DemoSeriesCommand.WITH_LESION, DemoSeriesCommand.WITHOUT_LESION)) {
            List<Path> slices = files(out.resolve(series));
            assertEquals(12, slices.size(), series);
            for (Path slice : slices) {
                assertTrue(slice.getFileName().toString().startsWith("SYNTHETIC-"), slice.toString());
                assertEquals(DemoSeriesCommand.LABEL, pngComment(slice), "the label travels inside " + slice);
            }
        }
        assertTrue(Files.readString(out.resolve("README.txt")).startsWith("SYNTHETIC DEMO SERIES - NOT PATIENT IMAGES"));

        Path csv = work.resolve("demo.csv");
        assertEquals(0, run("predict", out.toString(), "--out", csv.toString(), "--model", TestModels.shipped().toString()));
        List<CSVRecord> rows = Csv.read(csv).rows();
        assertEquals(24, rows.size());
        for (CSVRecord row : rows) {
            assertEquals("ok", row.get("status"), "the shipped gate takes " + row.get("file"));
        }
    }

    @Test
    void refusesToWriteOverADemoSeriesOrOutsideItsLimits() {
        Path out = work.resolve("again");
        assertEquals(0, run("demo-series", "--out", out.toString(), "--slices", "4", "--size", "64"));
        assertEquals(Main.USAGE, run("demo-series", "--out", out.toString()), "an existing series is kept");
        assertEquals(Main.USAGE, run("demo-series", "--out", work.resolve("few").toString(), "--slices", "3"));
        assertEquals(Main.USAGE, run("demo-series", "--out", work.resolve("huge").toString(), "--size", "4096"));
    }

    private static int run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, Map.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        System.err.print(err.toString(StandardCharsets.UTF_8));
        return exit;
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.sorted().toList();
        }
    }

    private static String pngComment(Path png) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            NodeList entries = root.getElementsByTagName("tEXtEntry");
            for (int i = 0; i < entries.getLength(); i++) {
                IIOMetadataNode entry = (IIOMetadataNode) entries.item(i);
                if ("Comment".equals(entry.getAttribute("keyword"))) {
                    return entry.getAttribute("value");
                }
            }
            return null;
        } finally {
            reader.dispose();
        }
    }
}
