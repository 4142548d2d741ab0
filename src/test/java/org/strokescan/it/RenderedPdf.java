package org.strokescan.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A PDF as a reader sees it, through Debian's poppler-utils: its page count and page size ({@code pdfinfo}) and the
 * text of each page laid out as printed ({@code pdftotext -layout}), so a test can count the rows on a page and find
 * a word broken across two lines.
 *
 * @param pages       the text of each page
 * @param pageCount   the pages pdfinfo counts
 * @param width       of the first page as shown, in points (its rotation applied)
 * @param height      likewise
 */
record RenderedPdf(List<String> pages, int pageCount, double width, double height) {

    private static final Path PDFTOTEXT = Path.of("/usr/bin/pdftotext");
    private static final Path PDFINFO = Path.of("/usr/bin/pdfinfo");
    private static final Pattern PAGES = Pattern.compile("(?m)^Pages:\\s+(\\d+)");
    private static final Pattern SIZE = Pattern.compile("(?m)^Page size:\\s+([\\d.]+) x ([\\d.]+) pts");
    private static final Pattern ROTATION = Pattern.compile("(?m)^Page rot:\\s+(\\d+)");

    /** Skips the calling test, naming the package, where poppler-utils is missing (as BrowserIT does for Chromium). */
    static void assumePoppler() {
        assumeTrue(popplerInstalled(),
                "needs Debian's poppler-utils (/usr/bin/pdftotext, /usr/bin/pdfinfo): apt-get install -y poppler-utils");
    }

    static boolean popplerInstalled() {
        return Files.isExecutable(PDFTOTEXT) && Files.isExecutable(PDFINFO);
    }

    static RenderedPdf of(byte[] pdf) throws IOException, InterruptedException {
        Path file = Files.createTempFile(Path.of("target"), "export-", ".pdf");
        Files.write(file, pdf);
        String info = run(PDFINFO.toString(), file.toString());
        String text = run(PDFTOTEXT.toString(), "-layout", "-enc", "UTF-8", file.toString(), "-");
        double width = Double.parseDouble(group(SIZE, info, 1));
        double height = Double.parseDouble(group(SIZE, info, 2));
        Matcher rotation = ROTATION.matcher(info);
        if (rotation.find() && Integer.parseInt(rotation.group(1)) % 180 == 90) {
            double swap = width;
            width = height;
            height = swap;
        }
        // pdftotext ends every page with a form feed: the piece after the last one is no page
        List<String> pieces = Arrays.asList(text.split("\f", -1));
        List<String> pages = pieces.subList(0, pieces.size() - 1);
        return new RenderedPdf(pages, Integer.parseInt(group(PAGES, info, 1)), width, height);
    }

    boolean landscape() {
        return width > height;
    }

    String text() {
        return String.join("\n", pages);
    }

    /** The lines of each page that match {@code row}, e.g. one per table row. */
    List<Long> rowsPerPage(Pattern row) {
        return pages.stream().map(page -> page.lines().filter(line -> row.matcher(line).find()).count()).toList();
    }

    /** How often each word (text between blanks) occurs: a word broken across lines is missing here. */
    Map<String, Long> words() {
        return Arrays.stream(text().split("\\s+")).filter(word -> !word.isEmpty())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String group(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + " not in pdfinfo's output: " + text);
        }
        return matcher.group(group);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
