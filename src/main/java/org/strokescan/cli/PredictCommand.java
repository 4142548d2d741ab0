package org.strokescan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.Classification;

/**
 * {@code predict <files-or-dirs…> --out preds.csv [--model DIR]}: the server's intake, gate, preprocessing and
 * model over local files, one CSV row per image.
 */
final class PredictCommand {

    static final String USAGE = """
              predict        <files-or-folders…> --out preds.csv [--model DIR]
                             classify PNG/JPEG files (folders: every .png/.jpg/.jpeg inside) with the bundled model
                             (strokescan.model.active) or the model folder DIR; writes file,probability,label,
                             model_version,status""";

    static final String HEADER = "file,probability,label,model_version,status";

    private PredictCommand() {
    }

    static int run(Options options, CliConfig config, PrintStream out, PrintStream err) throws IOException {
        if (options.positional().isEmpty()) {
            throw new IllegalArgumentException("predict needs at least one file or folder");
        }
        Path csv = Path.of(options.required("out"));
        List<Path> files = new ArrayList<>();
        for (String argument : options.positional()) {
            files.addAll(expand(Path.of(argument)));
        }
        Path folder = config.modelFolder(options.text("model", null));
        ImageIntake intake = config.intake();
        int refused = 0;
        try (StrokeModel model = StrokeModel.load(folder, 1);
             Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            ImageClassifier classifier = new ImageClassifier(intake, model);
            String version = model.card().version();
            writer.write(HEADER + "\n");
            for (Path file : files) {
                Classification result = classifier.classify(Files.readAllBytes(file));
                String row = switch (result) {
                    case Classification.Classified c -> String.join(",", csvField(file.toString()),
                            String.format(Locale.ROOT, "%.6f", c.probability()), c.positive() ? "positive" : "negative",
                            version, "ok");
                    case Classification.Refused r -> String.join(",", csvField(file.toString()), "", "", version,
                            "rejected:" + r.reason().toLowerCase(Locale.ROOT).replace('_', '-'));
                };
                if (result instanceof Classification.Refused r) {
                    refused++;
                    err.println(file + ": " + r.message());
                }
                writer.write(row + "\n");
            }
        }
        out.printf(Locale.ROOT, "%d images, %d classified, %d rejected, model %s -> %s%n", files.size(),
                files.size() - refused, refused, folder, csv);
        return 0;
    }

    /** A file as given; a folder as its PNG and JPEG files, found recursively, in path order. */
    private static List<Path> expand(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no such file or folder: " + path);
            }
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                    .sorted().toList();
        }
    }

    static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
