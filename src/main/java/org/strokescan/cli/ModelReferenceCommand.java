package org.strokescan.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ValidationReference;
import org.strokescan.training.ValidationReferences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code model-reference --model DIR --out-of-fold CSV [--data DIR] [--extra DIR]}. */
@Command(name = "model-reference", sortOptions = false,
        description = {"Write the drift watch's validation reference into a model card.",
            "",
            "Reads the training run's out-of-fold.csv: percentiles of the slice and study probabilities, the shares"
                + " flagged at the card's thresholds and the study-level agreement with the labels; with the image"
                + " folders also each slice's mean grey level and size. Rewrites model-card.json (its checksum does not"
                + " change: the reference decides no result)."})
final class ModelReferenceCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder whose card to update.")
    Path model;

    @Option(names = "--out-of-fold", required = true, paramLabel = "CSV",
            description = "The training run's out-of-fold.csv.")
    Path outOfFold;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The folder the CSV's source 'main' files are relative to (brain-ct).")
    Path data;

    @Option(names = "--extra", paramLabel = "DIR",
            description = "The folder the CSV's source 'extra' files are relative to (phe-sich-ct-ids).")
    Path extra;

    private final CliContext context;

    ModelReferenceCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Path> images = new LinkedHashMap<>();
        if (data != null) {
            images.put("main", data);
        }
        if (extra != null) {
            images.put("extra", extra);
        }
        ModelCard card = ModelCards.read(model);
        ValidationReference reference = ValidationReferences.compute(card, outOfFold, images);
        ModelCards.write(model, card.withReference(reference));
        context.out().printf(Locale.ROOT, "%s: %d slices, %d studies; flagged slices %.4f, studies %.4f; agreement %.4f%s%n",
                card.id(), reference.slices(), reference.studies(), reference.sliceFlagged(), reference.studyFlagged(),
                reference.studyAgreement(), reference.meanGreyQuantiles() == null ? "" : String.format(Locale.ROOT,
                        "; median mean grey %.2f", reference.meanGreyQuantiles().get(50)));
        return 0;
    }
}
