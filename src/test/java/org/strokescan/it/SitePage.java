package org.strokescan.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The performance page of the project site: each harness rewrites only its own section, between
 * {@code <!-- name:begin -->} and {@code <!-- name:end -->}, so the page keeps its prose and the other tables.
 */
final class SitePage {

    static final Path PAGE = Path.of("src/site/markdown/performance.md");

    private SitePage() {
    }

    static void replaceSection(String name, String content) throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        int from = page.indexOf(begin);
        int to = page.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(PAGE + " has no section " + begin + " … " + end);
        }
        Files.writeString(PAGE, page.substring(0, from + begin.length()) + "\n" + content + page.substring(to),
                StandardCharsets.UTF_8);
        System.out.println("section '" + name + "' of " + PAGE + " rewritten");
    }
}
