package org.strokescan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.training.Csv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code triage <study-folder…> --out studies.csv [--model DIR]}: each folder is one study; its slices go through the
 * server's intake, gate, preprocessing and model, and the model's study rule (the one {@link StudyRule} the server
 * uses) gives the study's probability and label at the study operating point.
 */
@Command(name = "triage", sortOptions = false,
        description = {"Score whole studies (one folder each) with the model's study rule, as the server does.",
            "",
            "Each folder is one study: its PNG/JPEG slices in natural file-name order (IM2 before IM10) go"
                + " through the server's intake, gate, preprocessing and model, and the model card's study rule gives"
                + " the study's probability and label at the study threshold. Writes " + TriageCommand.HEADER + "."})
final class TriageCommand implements Callable<Integer> {

    static final String HEADER = "study,probability,label,slices,rejected,model_version";

    @Mixin
    HelpOption help;

    /** As given: the CSV's {@code study} column repeats each exactly (a Path would drop a trailing slash). */
    @Parameters(paramLabel = "<study-folder>", arity = "1..*", description = "Folders, one study each.")
    List<String> studies;

    @Mixin
    ModelCsvOptions output;

    private final CliContext context;

    TriageCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = context.out();
        PrintStream err = context.err();
        CliConfig config = context.config();
        for (String folder : studies) {
            if (!Files.isDirectory(Path.of(folder))) {
                throw new IllegalArgumentException("not a study folder: " + folder);
            }
        }
        Path modelFolder = config.modelFolder(output.model);
        ImageIntake intake = config.intake();
        int suspected = 0;
        try (StrokeModel loaded = StrokeModel.load(modelFolder, 1);
             Writer writer = Files.newBufferedWriter(output.csv, StandardCharsets.UTF_8);
             CSVPrinter csv = Csv.printer(writer, HEADER.split(","))) {
            ImageClassifier classifier = new ImageClassifier(intake, config.dicomGate(), loaded, 1);
            String version = loaded.card().version();
            for (String folder : studies) {
                List<Double> probabilities = new ArrayList<>();
                int rejected = 0;
                for (Path slice : slices(Path.of(folder))) {
                    switch (classifier.classify(Files.readAllBytes(slice))) {
                        case Classification.Classified c -> probabilities.add((double) c.probability());
                        case Classification.Refused r -> {
                            rejected++;
                            err.println(slice + ": " + r.message());
                        }
                    }
                }
                String probability = "";
                String label = "";
                if (probabilities.isEmpty()) {
                    err.println(folder + ": no slice could be classified, so the study has no verdict");
                } else {
                    StudyRule.Score score = classifier.studyRuleFor(probabilities.size())
                            .score(probabilities.stream().mapToDouble(Double::doubleValue).toArray());
                    probability = String.format(Locale.ROOT, "%.6f", score.probability());
                    label = score.positive() ? "positive" : "negative";
                    suspected += score.positive() ? 1 : 0;
                }
                csv.printRecord(folder, probability, label, probabilities.size(), rejected, version);
            }
        }
        out.printf(Locale.ROOT, "%d studies, %d suspected, model %s -> %s%n", studies.size(), suspected,
                modelFolder, output.csv);
        return 0;
    }

    /**
     * The folder's PNG, JPEG and DICOM files, recognised by their content (PACS exports are named {@code IM000001},
     * without an extension) or their name ({@link #isImage}), in natural name order ({@code IM2} before {@code IM10}).
     */
    static List<Path> slices(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(TriageCommand::isImage)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString(), TriageCommand::natural))
                    .toList();
        }
    }

    /**
     * Whether the file's first bytes are those of a format the intake takes (PNG, JPEG, DICOM), or its name says it
     * should be one (a damaged {@code .png} is reported as refused, not left out unseen).
     */
    static boolean isImage(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|dcm)")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ImageIntake.formatOf(in.readNBytes(ImageIntake.SIGNATURE_BYTES)).accepted();
        } catch (IOException unreadable) {
            return false; // the intake would say no more about a file it cannot read
        }
    }

    private static final Pattern CHUNK = Pattern.compile("\\d+|\\D+");

    /** Names compared chunk by chunk, runs of digits by their value. */
    static int natural(String a, String b) {
        Matcher x = CHUNK.matcher(a);
        Matcher y = CHUNK.matcher(b);
        while (x.find() && y.find()) {
            String p = x.group();
            String q = y.group();
            int c = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))
                    ? new BigInteger(p).compareTo(new BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length()) != 0 ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
