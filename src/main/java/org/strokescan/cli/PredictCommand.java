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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.Classification;
import org.strokescan.training.Csv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code predict <files-or-dirs…> --out preds.csv [--model DIR]}: the server's intake, gate, preprocessing and
 * model over local files, one CSV row per image.
 */
@Command(name = "predict", sortOptions = false,
        description = {"Classify PNG, JPEG and DICOM files with the server's intake, gates, preprocessing and model.",
            "",
            "Folders give every PNG, JPEG and DICOM file inside them, recognised by content whatever its name"
                + " (recursively, in path order). Writes one"
                + " CSV row per image: " + PredictCommand.HEADER + " (status ok or rejected:<reason>; a refused image"
                + " has no probability or label, and its reason is also printed on the error stream)."})
final class PredictCommand implements Callable<Integer> {

    static final String HEADER = "file,probability,label,model_version,status";

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "<file-or-folder>", arity = "1..*", description = "Images, or folders of images.")
    List<Path> inputs;

    @Mixin
    ModelCsvOptions output;

    private final CliContext context;

    PredictCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = context.out();
        PrintStream err = context.err();
        CliConfig config = context.config();
        List<Path> files = new ArrayList<>();
        for (Path argument : inputs) {
            files.addAll(expand(argument));
        }
        Path folder = config.modelFolder(output.model);
        ImageIntake intake = config.intake();
        int refused = 0;
        try (StrokeModel loaded = StrokeModel.load(folder, 1);
             Writer writer = Files.newBufferedWriter(output.csv, StandardCharsets.UTF_8);
             CSVPrinter csv = Csv.printer(writer, HEADER.split(","))) {
            ImageClassifier classifier = new ImageClassifier(intake, config.dicomGate(), loaded, 1);
            String version = loaded.card().version();
            for (Path file : files) {
                Classification result = classifier.classify(Files.readAllBytes(file));
                switch (result) {
                    case Classification.Classified c -> csv.printRecord(file.toString(), String.format(Locale.ROOT, "%.6f",
                            c.probability()), c.positive() ? "positive" : "negative", version, "ok");
                    case Classification.Refused r -> {
                        refused++;
                        err.println(file + ": " + r.message());
                        csv.printRecord(file.toString(), "", "", version,
                                "rejected:" + r.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "%d images, %d classified, %d rejected, model %s -> %s%n", files.size(),
                files.size() - refused, refused, folder, output.csv);
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
            return walk.filter(Files::isRegularFile).filter(TriageCommand::isImage).sorted().toList();
        }
    }
}
