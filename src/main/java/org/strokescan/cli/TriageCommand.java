package org.strokescan.cli;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.StudyRule;

/**
 * {@code triage <study-folder…> --out studies.csv [--model DIR]}: each folder is one study; its slices go through the
 * server's intake, gate, preprocessing and model, and the model's study rule (the one {@link StudyRule} the server
 * uses) gives the study's probability and label at the study operating point.
 */
final class TriageCommand {

    static final String USAGE = """
              triage         <study-folder…> --out studies.csv [--model DIR]
                             one study per folder (its PNG/JPEG slices, natural file-name order); writes
                             study,probability,label,slices,rejected,model_version at the model's study threshold""";

    static final String HEADER = "study,probability,label,slices,rejected,model_version";

    private TriageCommand() {
    }

    static int run(Options options, CliConfig config, PrintStream out, PrintStream err) throws IOException {
        options.allowOnly("out", "model");
        if (options.positional().isEmpty()) {
            throw new IllegalArgumentException("triage needs at least one study folder");
        }
        for (String folder : options.positional()) {
            if (!Files.isDirectory(Path.of(folder))) {
                throw new IllegalArgumentException("not a study folder: " + folder);
            }
        }
        Path csv = Path.of(options.required("out"));
        Path modelFolder = config.modelFolder(options.text("model", null));
        ImageIntake intake = config.intake();
        int suspected = 0;
        try (StrokeModel model = StrokeModel.load(modelFolder, 1);
             Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            ImageClassifier classifier = new ImageClassifier(intake, model);
            String version = model.card().version();
            writer.write(HEADER + "\n");
            for (String folder : options.positional()) {
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
                writer.write(String.join(",", PredictCommand.csvField(folder), probability, label,
                        String.valueOf(probabilities.size()), String.valueOf(rejected), version) + "\n");
            }
        }
        out.printf(Locale.ROOT, "%d studies, %d suspected, model %s -> %s%n", options.positional().size(), suspected,
                modelFolder, csv);
        return 0;
    }

    /** The folder's PNG and JPEG files in natural name order ({@code IM2} before {@code IM10}). */
    static List<Path> slices(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString(), TriageCommand::natural))
                    .toList();
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
