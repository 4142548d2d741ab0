package org.strokescan.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.training.CnnLearner;
import org.strokescan.training.Learner;
import org.strokescan.training.PretrainedBackbone;
import org.strokescan.training.PretrainedLearner;
import org.strokescan.training.Trainer;
import org.strokescan.training.TrainingRun;
import org.strokescan.training.TriageTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code train --data DIR --out DIR [options]}: cross-validates, then trains and exports a model with its card, by one
 * of two protocols. Options whose default depends on the protocol or learner have no default in their annotation; the
 * defaults are the constants below, named in the help text.
 */
@Command(name = "train", sortOptions = false,
        description = {
            "Cross-validate by patient, then train and export a model (SavedModel + model-card.json).",
            "",
            "--protocol slice (the default): patient-grouped cross-validation of one slice classifier, calibration and"
                    + " threshold, then the final model. The learner is a CNN from scratch, or with --backbone DIR a"
                    + " logistic head on a frozen pretrained MobileNetV2. --extra adds a second dataset to the training"
                    + " folds only, turned clockwise by --extra-turns quarter turns. An interrupted run goes on with"
                    + " --resume.",
            "",
            "--protocol triage: model 2.0's protocol (src/site/markdown/model-2-protocol.md): slice head, study rule"
                    + " and learned input gate, nested cross-validation, leave one source out. Needs --backbone,"
                    + " --extra and --non-ct.",
            "",
            "Options are marked with what reads them: [slice], [CNN] (slice without --backbone), [head] (slice with"
                    + " --backbone), [triage]; unmarked ones are read by both protocols. An option the chosen protocol"
                    + " and learner do not read is refused."})
final class TrainCommand implements Callable<Integer> {

    /** What {@code train} runs: the options it reads follow from it. */
    enum Protocol { slice, triage }

    enum Mode { CNN, HEAD, TRIAGE }

    static final String SLICE_VERSION = "1.0.0";
    static final String TRIAGE_VERSION = "2.0.0";
    static final int SLICE_EXTRA_TURNS = 0;
    static final int TRIAGE_EXTRA_TURNS = 1;
    static final int CNN_SIZE = 128;
    static final double CNN_L2 = 1e-4;
    static final double HEAD_L2 = 0.1;
    static final String HEAD_LAYERS = "block_13_expand_relu";
    static final String TRIAGE_LAYERS = "block_13_expand_relu,block_6_expand_relu";

    private static final Set<String> CNN_ONLY = Set.of("--batch", "--epochs", "--patience", "--lr", "--average-from");
    private static final Set<String> SLICE_ONLY = Set.of("--label", "--resume", "--size");
    private static final Set<String> WITH_BACKBONE = Set.of("--layers", "--iterations");
    private static final Set<String> TRIAGE_ONLY = Set.of("--non-ct", "--copies", "--inner-folds", "--study-k");

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(names = "--protocol", defaultValue = "slice", paramLabel = "PROTOCOL",
            description = "slice or triage (default: ${DEFAULT-VALUE}).")
    Protocol protocol;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The dataset: a folder with manifest.csv (per-slice labels and patient_id).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where the model (SavedModel + model-card.json) is exported.")
    Path out;

    @Option(names = "--name", defaultValue = "strokescan-ich", paramLabel = "NAME",
            description = "The model's name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--version", paramLabel = "VERSION", description = "The model's version (default: "
            + SLICE_VERSION + " for slice, " + TRIAGE_VERSION + " for triage).")
    String version;

    @Option(names = "--work", paramLabel = "DIR", description = "The work folder: checkpoints, fold predictions,"
            + " out-of-fold.csv, cached features; [slice] without --resume it must be empty or absent (default:"
            + " target/training/<name>-<version>).")
    Path work;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "N",
            description = "Patient folds of the cross-validation (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--sensitivity", defaultValue = "0.95", paramLabel = "S",
            description = "The sensitivity the threshold is chosen for (default: ${DEFAULT-VALUE}).")
    double sensitivity;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Random seed: patient folds, initial weights, shuffling, framing (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--summary", paramLabel = "TEXT", description = "The card's description of the training data"
            + " (default: \"Slices listed in <data>/manifest.csv\").")
    String summary;

    @Option(names = "--limitation", paramLabel = "TEXT",
            description = "One more limitation for the model card (e.g. the extra data's licence terms).")
    String limitation;

    @Option(names = "--extra", paramLabel = "DIR", description = "A second dataset (with manifest.csv) for the"
            + " training folds only, never calibration, threshold or metrics ([triage]: required).")
    Path extra;

    @Option(names = "--extra-turns", paramLabel = "N", description = "Clockwise quarter turns of the --extra slices"
            + " (default: " + SLICE_EXTRA_TURNS + " for slice, " + TRIAGE_EXTRA_TURNS + " for triage).")
    Integer extraTurns;

    @Option(names = "--backbone", paramLabel = "DIR", description = "[head, triage] The pretrained MobileNetV2"
            + " (nsfwjs's model folder); for slice it chooses the head learner instead of the CNN ([triage]: required).")
    Path backbone;

    @Option(names = "--layers", paramLabel = "LAYER", split = ",", description = "[head, triage] Backbone"
            + " layers whose pooled features the head reads (default: " + HEAD_LAYERS + " for the head, "
            + TRIAGE_LAYERS + " for triage).")
    List<String> layers;

    @Option(names = "--l2", paramLabel = "L2", description = "L2 penalty (default: " + CNN_L2 + " for the CNN, "
            + HEAD_L2 + " for the head and triage).")
    Double l2;

    @Option(names = "--iterations", defaultValue = "300", paramLabel = "N",
            description = "[head, triage] Optimiser iterations of the logistic heads (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--label", defaultValue = "any_ich", paramLabel = "COLUMN",
            description = "[slice] The manifest column with the slice truth (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--resume", description = "[slice] Go on with the interrupted run whose state is in the work"
            + " folder.")
    boolean resume;

    @Option(names = "--size", paramLabel = "PX", description = "[slice] Input size in pixels (default: " + CNN_SIZE
            + " for the CNN, " + PretrainedBackbone.INPUT_SIZE + " for the head).")
    Integer size;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N",
            description = "[CNN] Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "15", paramLabel = "N",
            description = "[CNN] Most epochs per fold (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "3", paramLabel = "N", description = "[CNN] Epochs without a better"
            + " validation loss before early stopping (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "RATE",
            description = "[CNN] Adam's learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--average-from", defaultValue = "0", paramLabel = "EPOCH", description = "[CNN] Average the"
            + " weights of every epoch from this one on instead of early stopping; 0 = early stopping"
            + " (default: ${DEFAULT-VALUE}).")
    int averageFrom;

    @Option(names = "--non-ct", paramLabel = "DIR",
            description = "[triage] Images that are not head CT, for the learned input gate (required).")
    Path nonCt;

    @Option(names = "--copies", defaultValue = "2", paramLabel = "N",
            description = "[triage] Framed copies of each head-CT slice besides the one as stored"
                    + " (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--inner-folds", defaultValue = "4", paramLabel = "N",
            description = "[triage] Folds of the inner cross-validation (default: ${DEFAULT-VALUE}).")
    int innerFolds;

    @Option(names = "--study-k", defaultValue = "3", paramLabel = "K",
            description = "[triage] The study rule's top-k slices (default: ${DEFAULT-VALUE}).")
    int studyK;

    private final CliContext context;

    TrainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Mode mode = checkedMode();
        ModelCard card = mode == Mode.TRIAGE ? triage() : slice(mode);
        context.out().println("OK " + card.id() + " " + card.checksum());
        return 0;
    }

    private ModelCard slice(Mode mode) throws Exception {
        Learner learner = mode == Mode.CNN
                ? new CnnLearner(new Trainer.Settings(size == null ? CNN_SIZE : size, batch, epochs, patience,
                        learningRate, (float) (l2 == null ? CNN_L2 : l2), seed, averageFrom))
                : new PretrainedLearner(PretrainedBackbone.load(backbone), layersOr(HEAD_LAYERS),
                        l2 == null ? HEAD_L2 : l2, iterations, size == null ? PretrainedBackbone.INPUT_SIZE : size);
        String modelVersion = version == null ? SLICE_VERSION : version;
        return TrainingRun.run(new TrainingRun.Plan(data, label, out, workFolder(modelVersion), resume, name,
                modelVersion, folds, sensitivity, learner, seed, summaryText(), extra,
                extraTurns == null ? SLICE_EXTRA_TURNS : extraTurns, limitation), context.out());
    }

    private ModelCard triage() throws Exception {
        String modelVersion = version == null ? TRIAGE_VERSION : version;
        return TriageTraining.run(new TriageTraining.Plan(data, extra,
                extraTurns == null ? TRIAGE_EXTRA_TURNS : extraTurns, nonCt, PretrainedBackbone.load(backbone),
                layersOr(TRIAGE_LAYERS), l2 == null ? HEAD_L2 : l2, iterations, copies, folds, innerFolds,
                sensitivity, studyK, seed, workFolder(modelVersion), out, name, modelVersion, summaryText(),
                limitation), context.out());
    }

    /**
     * The protocol and learner the parsed options ask for, after refusing any option they do not read (a misplaced
     * option must not train silently with other settings than the ones asked for) and any that triage needs.
     */
    Mode checkedMode() {
        Mode mode = protocol == Protocol.triage ? Mode.TRIAGE : backbone == null ? Mode.CNN : Mode.HEAD;
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            String given = option.longestName();
            boolean read = !(CNN_ONLY.contains(given) && mode != Mode.CNN)
                    && !(SLICE_ONLY.contains(given) && mode == Mode.TRIAGE)
                    && !(WITH_BACKBONE.contains(given) && mode == Mode.CNN)
                    && !(TRIAGE_ONLY.contains(given) && mode != Mode.TRIAGE);
            if (!read) {
                throw new ParameterException(spec.commandLine(), given + " is not read by " + switch (mode) {
                    case CNN -> "--protocol slice without --backbone (the CNN learner)";
                    case HEAD -> "--protocol slice with --backbone (the head learner)";
                    case TRIAGE -> "--protocol triage";
                });
            }
        }
        if (mode == Mode.TRIAGE) {
            requireForTriage(extra, "--extra");
            requireForTriage(nonCt, "--non-ct");
            requireForTriage(backbone, "--backbone");
        }
        return mode;
    }

    private void requireForTriage(Object value, String option) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), "--protocol triage needs " + option);
        }
    }

    private List<String> layersOr(String defaults) {
        return layers == null ? List.of(defaults.split(",")) : layers;
    }

    private Path workFolder(String modelVersion) {
        return work == null ? Path.of("target/training/" + name + "-" + modelVersion) : work;
    }

    private String summaryText() {
        return summary == null ? "Slices listed in " + data + "/manifest.csv" : summary;
    }
}
