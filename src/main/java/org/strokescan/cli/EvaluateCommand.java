package org.strokescan.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.strokescan.training.ModelEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate --data DIR --out REPORT_DIR [--model DIR] [--label any_ich] [--out-of-fold FILE] [--compare NAME=FILE]}. */
@Command(name = "evaluate", sortOptions = false,
        description = {"Evaluate a model against a labelled dataset: report.md, metrics.json and plots.",
            "",
            "Writes report.md, metrics.json and plots (ROC, precision-recall, reliability, confusion matrix)"
                + " into the report folder: intervals by resampling patients, a slice-position-only baseline and the"
                + " paper's folder-label protocol. With --out-of-fold the training run's cross-validated probabilities"
                + " are the headline, and the model's own pass over data it was trained on is shown as a training-set"
                + " check."})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The labelled dataset (a folder with manifest.csv).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "REPORT_DIR", description = "The report folder to write.")
    Path report;

    @Option(names = "--model", paramLabel = "DIR", description = CliConfig.MODEL_HELP)
    Path model;

    @Option(names = "--label", defaultValue = "any_ich", paramLabel = "COLUMN",
            description = "The manifest column with the slice truth (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--out-of-fold", paramLabel = "FILE",
            description = "The training run's out-of-fold.csv, reported as the headline.")
    Path outOfFold;

    @Option(names = "--compare", paramLabel = "NAME=FILE",
            description = "Another run's out-of-fold.csv, shown next to it under NAME (may be repeated).")
    Map<String, Path> comparisons = new LinkedHashMap<>();

    private final CliContext context;

    EvaluateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = context.out();
        ModelEvaluation.Result result = ModelEvaluation.evaluate(new ModelEvaluation.Request(
                context.config().modelFolder(model), data, label, outOfFold, comparisons, report));
        result.headline().forEach((name, value) -> out.printf(Locale.ROOT, "%-22s %.4f%n", name, value));
        out.printf(Locale.ROOT, "refused by the gate: %d%nreport: %s%n", result.refused(), report.resolve("report.md"));
        return 0;
    }
}
