package org.strokescan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One source for configuration: every {@code strokescan.*} key the code reads has its default, with a comment, in
 * {@code META-INF/microprofile-config.properties} and nowhere else, and a row in the README's configuration table
 * that states the same default. Secrets are the exception the design makes: they are read from the environment (or a
 * Payara password alias) only, so they must not be in the properties file, and the README names them.
 *
 * <p>The keys the code reads are found in its sources: {@code @ConfigProperty(name = …)}, {@code ${MPCONFIG=…}} in
 * annotations, and string literals passed to a lookup ({@code getValue}, {@code getOptionalValue}, the CLI's
 * {@code get}/{@code required}, {@code getProperty}), and CLI options whose {@code descriptionKey} names a key.
 */
class ConfigurationKeysTest {

    private static final Path ROOT = Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."));
    private static final Path PROPERTIES = ROOT.resolve("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path SOURCES = ROOT.resolve("src/main/java");

    /** Keys that hold secrets: environment or password alias only, never in a file of the repository. */
    private static final Set<String> ENVIRONMENT_ONLY = Set.of("strokescan.db.password",
            "strokescan.db.migration-password", "strokescan.admin.password", "strokescan.audit.checkpoint-key");

    /**
     * Constants in the code that equal a default by coincidence, not because they restate it; each names why.
     * (Keyed by "file: value".)
     */
    private static final Map<String, String> COINCIDENCES = Map.of(
            "RequestBodyLimits.java: 65536",
            "MULTIPART_MARGIN, the room for the form around an upload, is 64 KiB like strokescan.request.max-bytes");

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(([^)]*)\\)");
    private static final Pattern NAME = Pattern.compile("\\bname\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern MPCONFIG = Pattern.compile("\\$\\{MPCONFIG=([^}]+)}");
    /** A CLI option that stands for a server setting takes its default from it (CliConfig). */
    private static final Pattern OPTION_KEY = Pattern.compile("\\bdescriptionKey\\s*=\\s*\"(strokescan\\.[^\"]+)\"");
    private static final Pattern LOOKUP = Pattern.compile(
            "\\b(?:get|required|getValue|getOptionalValue|getValues|getOptionalValues|getConfigValue|getProperty)"
                    + "\\(\\s*\"(strokescan\\.[^\"]+)\"");
    /** An environment variable named in a call: {@code System.getenv("STROKESCAN_…")}, {@code env("STROKESCAN_…")}. */
    private static final Pattern ENV_LOOKUP = Pattern.compile("\\(\\s*\"(STROKESCAN_[A-Z0-9_]+)\"\\s*\\)");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    @Test
    void everyKeyTheCodeReadsHasItsDefaultInThePropertiesFile() {
        Map<String, String> defaults = properties();
        Set<String> missing = new TreeSet<>(keysRead().keySet());
        missing.removeAll(defaults.keySet());
        missing.removeAll(ENVIRONMENT_ONLY);
        assertEquals(Set.of(), missing, "keys read by the code but not in " + PROPERTIES.getFileName()
                + " (add each with its default and a one-line comment)");
    }

    @Test
    void everyKeyInThePropertiesFileIsRead() {
        Set<String> unused = new TreeSet<>(properties().keySet());
        unused.removeAll(keysRead().keySet());
        assertEquals(Set.of(), unused, "keys in " + PROPERTIES.getFileName() + " that no code reads");
    }

    @Test
    void everyKeyInThePropertiesFileHasAComment() throws IOException {
        List<String> lines = Files.readAllLines(PROPERTIES, StandardCharsets.UTF_8);
        List<String> uncommented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // a key is commented by the comment right above it, or belongs to a group of keys under one comment
            int above = i - 1;
            while (above >= 0 && !lines.get(above).isBlank() && !lines.get(above).startsWith("#")) {
                above--;
            }
            if (above < 0 || !lines.get(above).startsWith("#")) {
                uncommented.add(line);
            }
        }
        assertEquals(List.of(), uncommented, "keys without a comment above them");
    }

    @Test
    void secretsAreNeverInThePropertiesFile() {
        Set<String> secrets = new TreeSet<>(ENVIRONMENT_ONLY);
        secrets.retainAll(properties().keySet());
        assertEquals(Set.of(), secrets, "secrets come from the environment or a password alias only");
        Set<String> unread = new TreeSet<>(ENVIRONMENT_ONLY);
        unread.removeAll(keysRead().keySet());
        assertEquals(Set.of(), unread, "secrets listed here that no code reads (drop them from ENVIRONMENT_ONLY)");
    }

    /** {@code @ConfigProperty(defaultValue = …)} would be a second default, one the properties file then hides. */
    @Test
    void noDefaultInTheCode() {
        Map<String, String> inCode = new TreeMap<>();
        forEachSource((file, text) -> {
            Matcher annotation = CONFIG_PROPERTY.matcher(text);
            while (annotation.find()) {
                if (annotation.group(1).contains("defaultValue")) {
                    Matcher name = NAME.matcher(annotation.group(1));
                    inCode.merge(name.find() ? name.group(1) : annotation.group(1), file.getFileName().toString(),
                            (a, b) -> a + ", " + b);
                }
            }
        });
        assertEquals(Map.of(), inCode, "@ConfigProperty with a defaultValue (key → file): the default belongs in "
                + PROPERTIES.getFileName() + " only");
    }

    /**
     * A lookup that supplies its own fallback ({@code getOptionalValue("strokescan.x", …).orElse(42)}), or a
     * constant or literal in the code equal to a key's default ({@code 25L * 1024 * 1024}), restates the default.
     */
    @Test
    void noDefaultRestatedAsAFallbackOrConstant() {
        Map<String, String> defaults = properties();
        Map<String, String> distinctive = new LinkedHashMap<>();
        defaults.forEach((key, value) -> {
            if (isDistinctive(value)) {
                distinctive.merge(normalised(value), key, (a, b) -> a + ", " + b);
            }
        });
        List<String> restated = new ArrayList<>();
        forEachSource((file, text) -> {
            String code = withoutComments(text);
            Matcher lookup = Pattern.compile(LOOKUP.pattern()
                    + "(?:(?!\"strokescan\\.)[^;])*?\\.orElse(?:Get)?\\(\\s*([^)]*)\\)").matcher(code);
            while (lookup.find()) {
                String fallback = lookup.group(2).strip();
                if (!fallback.equals("null") && !fallback.equals("\"\"")) {
                    restated.add(file.getFileName() + ": " + lookup.group(1) + " falls back to " + fallback);
                }
            }
            for (String value : valuesIn(code)) {
                String key = distinctive.get(value);
                String where = file.getFileName() + ": " + value;
                if (key != null && !COINCIDENCES.containsKey(where)) {
                    restated.add(where + " restates the default of " + key);
                }
            }
        });
        assertEquals(List.of(), restated, "defaults restated in the code; read them from the configuration instead");
    }

    /**
     * The pages' texts take a limit from the configuration ({@code upload.hint}: "up to {0} per examination, {1} MB
     * each"); written into a text, it would be wrong on a server configured otherwise.
     */
    @Test
    void userTextsStateNoLimitTheConfigurationSets() throws IOException {
        Map<String, String> forms = new TreeMap<>();
        properties().forEach((key, value) -> {
            if (key.contains(".max-") && value.matches("\\d{3,}")) {
                long number = Long.parseLong(value);
                forms.put("\\b" + number + "\\b", key);
                if (key.endsWith("-bytes") && number % (1024 * 1024) == 0) {
                    forms.put("\\b" + number / (1024 * 1024) + " ?Mi?B\\b", key);
                } else if (key.endsWith("-bytes") && number % 1024 == 0) {
                    forms.put("\\b" + number / 1024 + " ?Ki?B\\b", key);
                }
            }
        });
        List<Path> texts;
        try (Stream<Path> resources = Files.walk(ROOT.resolve("src/main/resources/org/strokescan/web"));
             Stream<Path> pages = Files.walk(ROOT.resolve("src/main/webapp"))) {
            texts = Stream.concat(resources.filter(f -> f.getFileName().toString().startsWith("messages")),
                    pages.filter(f -> f.toString().endsWith(".xhtml"))).sorted().toList();
        }
        assertTrue(texts.size() > 3, "found the texts: " + texts);
        List<String> stated = new ArrayList<>();
        for (Path file : texts) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (Map.Entry<String, String> form : forms.entrySet()) {
                    if (Pattern.compile(form.getKey()).matcher(lines.get(i)).find()) {
                        stated.add(file.getFileName() + ":" + (i + 1) + " states " + form.getValue() + " ("
                                + form.getKey().replace("\\b", "") + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), stated, "pass the configured value to the text instead");
    }

    @Test
    void theReadmeTableListsEveryKeyWithItsDefault() {
        Map<String, String> defaults = properties();
        Map<String, Row> table = readmeTable();
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(keysRead().keySet())) {
            Row row = table.get(key);
            if (row == null) {
                row = table.get(environmentName(key));
            }
            if (row == null) {
                problems.add(key + ": no row in the README's configuration table");
                continue;
            }
            if (ENVIRONMENT_ONLY.contains(key)) {
                if (row.stated() != null && !row.stated().isEmpty()) {
                    problems.add(key + ": a secret, but the README states a default `" + row.stated() + "`");
                }
                continue;
            }
            String value = defaults.get(key);
            if (value != null && row.stated() == null) {
                problems.add(key + ": the README states no default that can be compared: write it in backticks, or"
                        + " \"empty\"/\"none\"; a row of several keys names each in full with as many defaults");
            } else if (value != null && !row.stated().equals(value)) {
                problems.add(key + ": the README says `" + row.stated() + "`, the properties file `" + value + "`");
            }
            if (row.environment() != null && !row.environment().equals(environmentName(key))) {
                problems.add(key + ": the README names the variable " + row.environment() + ", MicroProfile Config"
                        + " reads " + environmentName(key));
            }
        }
        for (String named : table.keySet()) {
            if (named.startsWith("strokescan.") && !defaults.containsKey(named) && !ENVIRONMENT_ONLY.contains(named)) {
                problems.add(named + ": in the README's table, but no such key");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** {@code System.getenv("STROKESCAN_FHIR_TOKEN")} and the like are settings too: the README's table names them. */
    @Test
    void theReadmeTableNamesEveryEnvironmentVariableTheCodeReads() throws IOException {
        String table = readmeTableText();
        Set<String> unnamed = new TreeSet<>();
        forEachSource((file, text) -> {
            Matcher env = ENV_LOOKUP.matcher(withoutComments(text));
            while (env.find()) {
                if (!table.contains("`" + env.group(1) + "`")) {
                    unnamed.add(env.group(1) + " (" + file.getFileName() + ")");
                }
            }
        });
        assertEquals(Set.of(), unnamed, "environment variables read by the code but not in the README's table");
    }

    /** An override in the build (the ITs' server, the run command) that names no key would silently do nothing. */
    @Test
    void everyOverrideInTheBuildNamesAKey() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        Set<String> known = new TreeSet<>();
        properties().keySet().forEach(key -> known.add(environmentName(key)));
        ENVIRONMENT_ONLY.forEach(key -> known.add(environmentName(key)));
        String table = readmeTableText();
        Set<String> unknown = new TreeSet<>();
        Matcher element = Pattern.compile("<(STROKESCAN_[A-Z0-9_]+)>").matcher(pom);
        while (element.find()) {
            String name = element.group(1);
            if (!known.contains(name) && !name.startsWith("STROKESCAN_TEST_") && !table.contains("`" + name + "`")) {
                unknown.add(name);
            }
        }
        assertEquals(Set.of(), unknown, "variables pom.xml sets that name no configuration key");
    }

    // --- what the code reads ---

    /** Every {@code strokescan.*} key read anywhere in the main sources, with the first file that reads it. */
    static Map<String, String> keysRead() {
        Map<String, String> keys = new TreeMap<>();
        forEachSource((file, text) -> {
            String code = withoutComments(text);
            Matcher annotation = CONFIG_PROPERTY.matcher(code);
            while (annotation.find()) {
                Matcher name = NAME.matcher(annotation.group(1));
                if (name.find()) {
                    keys.putIfAbsent(name.group(1), file.getFileName().toString());
                }
            }
            for (Pattern pattern : List.of(MPCONFIG, LOOKUP, OPTION_KEY)) {
                Matcher read = pattern.matcher(code);
                while (read.find()) {
                    keys.putIfAbsent(read.group(1), file.getFileName().toString());
                }
            }
        });
        keys.keySet().removeIf(key -> !key.startsWith("strokescan."));
        return keys;
    }

    private interface SourceVisitor {
        void visit(Path file, String text);
    }

    private static void forEachSource(SourceVisitor visitor) {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                visitor.visit(file, Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops comments (Javadoc names keys and defaults in prose, which is fine), keeping string literals. */
    private static String withoutComments(String text) {
        StringBuilder code = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                boolean block = text.startsWith("\"\"\"", i);
                int end = block ? text.indexOf("\"\"\"", i + 3) + 3 : i + 1;
                if (!block) {
                    while (end < text.length() && text.charAt(end) != '"') {
                        end += text.charAt(end) == '\\' ? 2 : 1;
                    }
                    end++;
                }
                code.append(text, i, Math.min(end, text.length()));
                i = end;
            } else if (c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '\'') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                code.append(text, i, Math.min(end + 1, text.length()));
                i = end + 1;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d[\\d_]*[lL]?(?:\\s*\\*\\s*\\d[\\d_]*[lL]?)*(?![\\w.])");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The string literals of the code, and its integer literals and products of them ({@code 25L * 1024 * 1024}). */
    private static List<String> valuesIn(String code) {
        List<String> values = new ArrayList<>();
        Matcher string = STRING.matcher(code);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (string.find()) {
            values.add(string.group(1).replace("\\\\", "\\"));
            rest.append(code, last, string.start()).append("\"\"");
            last = string.end();
        }
        rest.append(code.substring(last));
        Matcher number = NUMBER.matcher(rest);
        while (number.find()) {
            BigInteger product = BigInteger.ONE;
            for (String factor : number.group().split("\\*")) {
                product = product.multiply(new BigInteger(factor.strip().replace("_", "").replaceAll("[lL]$", "")));
            }
            values.add(product.toString());
        }
        return values;
    }

    /**
     * Numbers of five digits and more (2000 or 5000 are too round to tell), and strings of six characters and more
     * that are not one word ("strict" is a value the code compares with), are not written by coincidence.
     */
    private static boolean isDistinctive(String value) {
        if (value.matches("\\d+")) {
            return value.length() >= 5;
        }
        return value.length() >= 6 && !value.matches("[A-Za-z]+");
    }

    private static String normalised(String value) {
        return value.matches("\\d+") ? new BigInteger(value).toString() : value;
    }

    // --- the properties file and the README ---

    static Map<String, String> properties() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(PROPERTIES, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }

    /** What MicroProfile Config reads for a key from the environment: upper case, other characters {@code _}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * A row of the README's table, as it concerns one key: the environment variable it names for it (or null), and
     * the default it states ("" for "none"/"empty", null when it states none that can be compared).
     */
    record Row(String environment, String stated) {
    }

    private static String readmeTableText() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Configuration\n");
        assertTrue(start >= 0, "the README has a \"## Configuration\" section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        StringBuilder table = new StringBuilder();
        section.lines().filter(line -> line.startsWith("| ")).forEach(line -> table.append(line).append('\n'));
        return table.toString();
    }

    /**
     * The table's rows by key (and by environment variable, for rows that name only one). A row may name several keys
     * ({@code `a`, `b`}) with as many defaults ({@code `1`, `2`}); keys are named in full.
     */
    static Map<String, Row> readmeTable() {
        String text;
        try {
            text = readmeTableText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Row> rows = new TreeMap<>();
        Pattern cells = Pattern.compile("^\\|([^|]*)\\|([^|]*)\\|");
        for (String line : text.lines().toList()) {
            Matcher row = cells.matcher(line);
            if (!row.find() || line.startsWith("|---")) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            String environment = null;
            Matcher named = BACKTICKED.matcher(row.group(1));
            while (named.find()) {
                String token = named.group(1);
                if (token.startsWith("strokescan.")) {
                    keys.add(token);
                } else if (token.startsWith("STROKESCAN_")) {
                    environment = token;
                }
            }
            List<String> stated = new ArrayList<>();
            Matcher value = BACKTICKED.matcher(row.group(2));
            while (value.find()) {
                stated.add(value.group(1));
            }
            String cell = row.group(2).strip();
            boolean none = stated.isEmpty() && cell.matches("\\(?(none|empty)\\)?");
            if (keys.isEmpty() && environment != null) {
                rows.put(environment, new Row(environment, none ? "" : null));
            }
            for (int k = 0; k < keys.size(); k++) {
                String statedValue = none ? "" : stated.size() == keys.size() ? stated.get(k) : null;
                String environmentForKey = keys.size() == 1 ? environment : null;
                rows.put(keys.get(k), new Row(environmentForKey, statedValue));
            }
        }
        return rows;
    }
}
