package org.strokescan.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.strokescan.training.ModelEvaluation;

/** {@code evaluate --data DIR --out REPORT_DIR [--model DIR] [--label any_ich] [--out-of-fold FILE] [--compare NAME=FILE]}. */
final class EvaluateCommand {

    static final String USAGE = """
              evaluate       --data DIR --out REPORT_DIR [--model DIR] [--label any_ich] [--out-of-fold FILE]
                             [--compare NAME=FILE]
                             a model against a labelled dataset: report.md, metrics.json and plots (ROC,
                             precision-recall, reliability, confusion matrix) in REPORT_DIR; intervals by
                             resampling patients; a slice-position-only baseline; the paper's folder-label
                             protocol; --out-of-fold: the training run's out-of-fold.csv, reported as the headline
                             (the model's own pass over data it was trained on is shown as a training-set check);
                             --compare: another run's out-of-fold.csv, shown next to it""";

    private EvaluateCommand() {
    }

    static int run(Options options, CliConfig config, PrintStream out) throws Exception {
        Path report = Path.of(options.required("out"));
        String compare = options.text("compare", null);
        Map<String, Path> comparisons = Map.of();
        if (compare != null) {
            int equals = compare.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--compare needs NAME=FILE, got " + compare);
            }
            comparisons = Map.of(compare.substring(0, equals), Path.of(compare.substring(equals + 1)));
        }
        String outOfFold = options.text("out-of-fold", null);
        ModelEvaluation.Result result = ModelEvaluation.evaluate(new ModelEvaluation.Request(
                config.modelFolder(options.text("model", null)), Path.of(options.required("data")),
                options.text("label", "any_ich"), outOfFold == null ? null : Path.of(outOfFold), comparisons, report));
        result.headline().forEach((name, value) -> out.printf(Locale.ROOT, "%-22s %.4f%n", name, value));
        out.printf(Locale.ROOT, "refused by the gate: %d%nreport: %s%n", result.refused(), report.resolve("report.md"));
        return 0;
    }
}
