package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strokescan.platform.ShippedConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** What the command line accepts and refuses, and what its help says; no command here gets far enough to do work. */
class CommandLineTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Each command with its required arguments, pointing at nothing that exists. */
    private static String[] valid(String command) {
        return switch (command) {
            case "predict", "triage" -> new String[] {command, "nowhere", "--out", "x.csv"};
            case "train", "evaluate" -> new String[] {command, "--data", "nowhere", "--out", "nowhere"};
            case "benchmark" -> new String[] {command, "--images", "nowhere"};
            default -> new String[] {command};
        };
    }

    private static String[] plus(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"predict", "triage", "train", "evaluate", "benchmark", "audit-verify"})
    void anUnknownOptionIsAUsageErrorThatNamesIt(String command) {
        Run run = cli(plus(valid(command), "--no-such-option", "3"));
        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("unknown option --no-such-option"), run.err());
        assertTrue(run.err().contains(command + " --help"), "points to the command's help: " + run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"predict", "triage", "train", "evaluate", "benchmark", "audit-verify"})
    void helpOnEveryCommandPrintsItsOptionsAndExitsZero(String command) {
        for (String help : List.of("--help", "-h")) {
            Run run = cli(command, help);
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("Usage: java -jar target/strokescan-cli.jar " + command), run.out());
            assertTrue(run.out().contains("-h, --help"), run.out());
            for (String option : switch (command) {
                case "predict", "triage" -> List.of("--out=CSV", "--model=DIR");
                case "train" -> List.of("--data=DIR", "--out=DIR", "--protocol=PROTOCOL");
                case "evaluate" -> List.of("--data=DIR", "--out=REPORT_DIR", "--out-of-fold=FILE", "--compare=NAME=FILE");
                case "benchmark" -> List.of("--images=DIR", "--pool-size=N", "--max-batch=N");
                default -> List.of("STROKESCAN_DB_URL", "--checkpoints=FILE", "--public-key=FILE");
            }) {
                assertTrue(run.out().contains(option), command + " help lacks " + option + ":\n" + run.out());
            }
            assertEquals("", run.err());
        }
    }

    /** Options that stand for a server setting show, and take, its value: the shipped default or the override. */
    @Test
    void benchmarkPoolOptionsDefaultToTheServersSettings() {
        // without spaces: the help may wrap a dotted key at a dot
        String shipped = cli("benchmark", "--help").out().replaceAll("\\s+", "");
        assertTrue(shipped.contains("strokescan.inference.pool-size(default:"
                + ShippedConfiguration.value("strokescan.inference.pool-size") + ")"), shipped);
        assertTrue(shipped.contains("strokescan.inference.max-batch(default:"
                + ShippedConfiguration.value("strokescan.inference.max-batch") + ")"), shipped);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new String[] {"benchmark", "--help"}, Map.of("STROKESCAN_INFERENCE_POOL_SIZE", "7"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String overridden = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", "");
        assertTrue(overridden.contains("strokescan.inference.pool-size(default:7)"), overridden);
        CommandLine cli = Main.commandLine(new CliContext(Map.of("STROKESCAN_INFERENCE_MAX_BATCH", "3"), System.out,
                System.err));
        ParseResult parsed = cli.parseArgs("benchmark", "--images", "nowhere");
        BenchmarkCommand benchmark = (BenchmarkCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(3, benchmark.maxBatch);
        assertEquals(Integer.parseInt(ShippedConfiguration.value("strokescan.inference.pool-size")), benchmark.poolSize);
    }

    @Test
    void trainHelpListsEveryOptionEitherProtocolReadsWithTheDefaultsOfTheCode() {
        String help = cli("train", "--help").out();
        String text = help.replaceAll("\\s+", " ");
        for (String option : List.of("--protocol", "--data", "--out", "--name", "--version", "--work", "--folds",
                "--sensitivity", "--seed", "--summary", "--limitation", "--extra", "--extra-turns", "--backbone",
                "--layers", "--l2", "--iterations", "--label", "--resume", "--size", "--batch", "--epochs", "--patience",
                "--lr", "--average-from", "--non-ct", "--copies", "--inner-folds", "--study-k")) {
            assertTrue(Pattern.compile("(?m)^\\s+" + Pattern.quote(option) + "\\b").matcher(help).find(),
                    "train --help lacks " + option + ":\n" + help);
        }
        assertTrue(text.contains("--protocol slice (the default):") && text.contains("--protocol triage:"), help);
        assertTrue(text.contains("Most epochs per fold (default: 15)"), help);
        assertTrue(text.contains("(default: 1.0.0 for slice, 2.0.0 for triage)"), help);
        assertTrue(text.contains("(default: 128 for the CNN, 224 for the head)"), help);
        assertTrue(text.contains("(default: 0 for slice, 1 for triage)"), help);
        assertFalse(help.contains("--resume=") || help.contains("--resume <"), "--resume is a flag:\n" + help);
    }

    @Test
    void theTopLevelHelpListsEveryCommand() {
        Run run = cli("--help");
        assertEquals(0, run.exitCode());
        for (String command : List.of("audit-verify", "predict", "triage", "train", "evaluate", "benchmark")) {
            assertTrue(run.out().contains("  " + command + " "), run.out());
        }
    }

    @Test
    void aMisspelledOptionIsRefusedByNameWithTheOneMeant() {
        Run run = cli(plus(valid("train"), "--epochs", "20", "--average_from", "6"));
        assertEquals(Main.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("unknown option --average_from"), run.err());
        assertTrue(run.err().contains("--average-from"), "suggests the option meant: " + run.err());
    }

    @Test
    void noCommandOrAnUnknownOneShowsTheCommands() {
        for (Run run : List.of(cli(), cli("nonsense"))) {
            assertEquals(Main.USAGE, run.exitCode());
            assertTrue(run.err().contains("predict") && run.err().contains("audit-verify"), run.err());
        }
        assertTrue(cli("nonsense").err().startsWith("unknown command nonsense"));
        assertTrue(cli().err().startsWith("Missing command"));
    }

    @Test
    void missingValuesAndMalformedNumbersAreUsageErrors() {
        Run missing = cli("train", "--out", "nowhere");
        assertEquals(Main.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("--data"), missing.err());

        Run noFiles = cli("predict", "--out", "x.csv");
        assertEquals(Main.USAGE, noFiles.exitCode());
        assertTrue(noFiles.err().contains("<file-or-folder>"), noFiles.err());

        Run notANumber = cli(plus(valid("train"), "--folds", "five"));
        assertEquals(Main.USAGE, notANumber.exitCode());
        assertTrue(notANumber.err().contains("--folds") && notANumber.err().contains("five"), notANumber.err());

        Run noValue = cli(plus(valid("benchmark"), "--calls"));
        assertEquals(Main.USAGE, noValue.exitCode());
        assertTrue(noValue.err().contains("--calls"), noValue.err());

        Run badProtocol = cli(plus(valid("train"), "--protocol", "study"));
        assertEquals(Main.USAGE, badProtocol.exitCode());
        assertTrue(badProtocol.err().contains("slice, triage"), badProtocol.err());
    }

    @Test
    void trainRefusesOptionsTheChosenProtocolDoesNotRead() {
        Run cnnWithLayers = cli(plus(valid("train"), "--layers", "block_6_expand_relu"));
        assertEquals(Main.USAGE, cnnWithLayers.exitCode());
        assertTrue(cnnWithLayers.err().startsWith("--layers is not read by --protocol slice without --backbone"),
                cnnWithLayers.err());

        Run triageWithEpochs = cli(plus(valid("train"), "--protocol", "triage", "--epochs", "3", "--extra", "x",
                "--non-ct", "y", "--backbone", "z"));
        assertEquals(Main.USAGE, triageWithEpochs.exitCode());
        assertTrue(triageWithEpochs.err().startsWith("--epochs is not read by --protocol triage"), triageWithEpochs.err());

        Run sliceWithStudyK = cli(plus(valid("train"), "--study-k", "2"));
        assertEquals(Main.USAGE, sliceWithStudyK.exitCode());
        assertTrue(sliceWithStudyK.err().startsWith("--study-k is not read by --protocol slice"), sliceWithStudyK.err());

        Run triageWithoutNonCt = cli(plus(valid("train"), "--protocol", "triage", "--extra", "x", "--backbone", "z"));
        assertEquals(Main.USAGE, triageWithoutNonCt.exitCode());
        assertTrue(triageWithoutNonCt.err().startsWith("--protocol triage needs --non-ct"), triageWithoutNonCt.err());
    }

    @Test
    void refusedInputOfACommandIsAUsageErrorAndOtherFailuresNameTheCommand() {
        Run missingFile = cli("predict", "nowhere/at-all.png", "--out", "x.csv", "--model", "nowhere");
        assertEquals(Main.USAGE, missingFile.exitCode());
        assertEquals("no such file or folder: nowhere/at-all.png", missingFile.err().strip());
    }

    @Test
    void anArgumentStartingWithAtIsAFileNameNotAFileOfArguments(@TempDir Path folder) throws IOException {
        Path listed = Files.writeString(folder.resolve("arguments"), "--help");
        Run run = cli("predict", "@" + listed, "--out", "x.csv", "--model", "nowhere");
        assertEquals(Main.USAGE, run.exitCode(), run.out());
        assertEquals("no such file or folder: @" + listed, run.err().strip());
    }

    /**
     * Every CLI line in the README's and the site's code blocks parses: its command exists, its options exist and
     * have values of the right type, required ones are there; optional parts in [brackets] are parsed too.
     */
    @Test
    void theCommandLinesInTheDocumentationParse() throws IOException {
        List<List<String>> lines = new ArrayList<>();
        for (Path doc : List.of(Path.of("README.md"), Path.of("src/site/markdown/inference-benchmark.md"))) {
            lines.addAll(cliLines(Files.readAllLines(doc)));
        }
        assertTrue(lines.size() >= 10, "found only " + lines);
        for (List<String> args : lines) {
            CommandLine cli = Main.commandLine(new CliContext(Map.of(), System.out, System.err));
            try {
                ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
                assertTrue(parsed.hasSubcommand(), args.toString());
                if (parsed.subcommand().commandSpec().userObject() instanceof TrainCommand train) {
                    train.checkedMode();
                }
            } catch (ParameterException e) {
                fail(args + ": " + e.getMessage());
            }
        }
    }

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    /** The arguments after {@code -jar target/strokescan-cli.jar} of every such line in a fenced code block, continuations joined. */
    private static List<List<String>> cliLines(List<String> markdown) {
        List<List<String>> found = new ArrayList<>();
        boolean fenced = false;
        StringBuilder line = new StringBuilder();
        for (String text : markdown) {
            if (text.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                continue;
            }
            line.append(text.strip());
            if (text.strip().endsWith("\\")) {
                line.setLength(line.length() - 1);
                line.append(' ');
                continue;
            }
            int jar = line.indexOf("-jar target/strokescan-cli.jar ");
            if (jar >= 0) {
                List<String> args = new ArrayList<>();
                Matcher token = TOKEN.matcher(line.substring(jar + "-jar target/strokescan-cli.jar ".length()));
                while (token.find()) {
                    String arg = token.group(1) != null ? token.group(1) : token.group(2).replaceAll("^\\[|]$", "");
                    if (!arg.isEmpty()) {
                        args.add(arg);
                    }
                }
                found.add(args);
            }
            line.setLength(0);
        }
        return found;
    }
}
