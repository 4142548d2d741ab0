package org.strokescan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that run a model over local images into a CSV: where to write, which model. */
final class ModelCsvOptions {

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "The CSV file to write.")
    Path csv;

    @Option(names = "--model", paramLabel = "DIR", description = CliConfig.MODEL_HELP)
    Path model;
}
