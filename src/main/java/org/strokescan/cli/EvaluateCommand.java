package org.strokescan.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.strokescan.training.ModelEvaluation;

/** {@code evaluate --data DIR [--model DIR] [--label any_ich] [--out report.md]}. */
final class EvaluateCommand {

    static final String USAGE = """
              evaluate       --data DIR [--model DIR] [--label any_ich] [--out report.md]
                             a model against a labelled dataset through the serving path: slice and patient
                             metrics at the card's threshold, ROC AUC, calibration error, gate refusals""";

    private EvaluateCommand() {
    }

    static int run(Options options, CliConfig config, PrintStream out) throws Exception {
        Path folder = config.modelFolder(options.text("model", null));
        ModelEvaluation.Result result = ModelEvaluation.evaluate(folder, Path.of(options.required("data")),
                options.text("label", "any_ich"));
        String target = options.text("out", null);
        if (target != null) {
            Files.writeString(Path.of(target), result.report(), StandardCharsets.UTF_8);
        }
        out.print(result.report());
        return 0;
    }
}
