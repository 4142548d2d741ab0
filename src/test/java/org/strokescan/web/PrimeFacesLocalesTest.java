package org.strokescan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DateFormatSymbols;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PrimeFaces asks for {@code primefaces:locales/locale-<language>.js} on every page of a language: each language
 * the pages offer has that script, from the PrimeFaces jar or from our web resources (Tamil), and ours names the
 * months and days as CLDR (the JDK's locale data) does.
 */
class PrimeFacesLocalesTest {

    private static final Path WEB_LOCALES = Path.of("src/main/webapp/resources/primefaces/locales");

    @Test
    void everyOfferedLanguageHasItsPrimeFacesLocale() throws IOException {
        String facesConfig = Files.readString(Path.of("src/main/webapp/WEB-INF/faces-config.xml"));
        Matcher supported = Pattern.compile("<supported-locale>([a-z]+)</supported-locale>").matcher(facesConfig);
        List<String> languages = supported.results().map(m -> m.group(1)).toList();
        assertFalse(languages.isEmpty(), "faces-config.xml names no supported locale");
        for (String language : languages) {
            String script = "locale-" + language + ".js";
            boolean shipped = getClass().getResource("/META-INF/resources/primefaces/locales/" + script) != null;
            assertTrue(shipped || Files.exists(WEB_LOCALES.resolve(script)),
                    language + ": neither PrimeFaces nor src/main/webapp/resources/primefaces/locales has " + script);
        }
    }

    @Test
    void ourTamilCalendarNamesAreCldrs() throws IOException {
        String script = Files.readString(WEB_LOCALES.resolve("locale-ta.js"));
        assertTrue(script.contains("PrimeFaces.locales[\"ta\"]"), "defines the ta locale");
        DateFormatSymbols tamil = DateFormatSymbols.getInstance(Locale.forLanguageTag("ta"));
        assertEquals(Arrays.asList(tamil.getMonths()).subList(0, 12), array(script, "monthNames"));
        assertEquals(Arrays.asList(tamil.getShortMonths()).subList(0, 12), array(script, "monthNamesShort"));
        assertEquals(Arrays.asList(tamil.getWeekdays()).subList(1, 8), array(script, "dayNames"));
        assertEquals(Arrays.asList(tamil.getShortWeekdays()).subList(1, 8), array(script, "dayNamesShort"));
    }

    /** The strings of a JavaScript array literal {@code name: ["a", "b"]}. */
    private static List<String> array(String script, String name) {
        Matcher array = Pattern.compile("\\b" + name + ":\\s*\\[([^\\]]*)\\]").matcher(script);
        assertTrue(array.find(), name + " missing");
        return Pattern.compile("\"([^\"]*)\"").matcher(array.group(1)).results().map(m -> m.group(1)).toList();
    }
}
