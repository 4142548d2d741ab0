package org.strokescan.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.strokescan.inference.entity.ModelCard;
import java.util.List;
import org.strokescan.training.CnnLearner;
import org.strokescan.training.Learner;
import org.strokescan.training.PretrainedBackbone;
import org.strokescan.training.PretrainedLearner;
import org.strokescan.training.Trainer;
import org.strokescan.training.TrainingRun;
import org.strokescan.training.TriageTraining;

/** {@code train --data DIR --out DIR [options]}: cross-validates, then trains and exports the shipped model. */
final class TrainCommand {

    static final String USAGE = """
              train          --data DIR --out DIR [--label any_ich] [--name strokescan-ich] [--version 1.0.0]
                             [--size 128] [--folds 5] [--epochs 15] [--patience 3] [--batch 32] [--lr 0.001]
                             [--seed 42] [--sensitivity 0.95] [--summary TEXT] [--extra DIR [--extra-turns 1]]
                             patient-grouped cross-validation, then the final model as a SavedModel + model-card.json;
                             --extra: a second dataset for the training folds only, turned clockwise by quarter turns
                             --protocol triage --backbone DIR --extra DIR --non-ct DIR [--copies 2] [--inner-folds 4]
                             [--study-k 3]: model 2.0's protocol (src/site/markdown/model-2-protocol.md): slice head,
                             study rule and learned input gate, nested cross-validation, leave one source out""";

    private TrainCommand() {
    }

    static int run(Options options, PrintStream out) throws Exception {
        if ("triage".equals(options.text("protocol", "slice"))) {
            return triage(options, out);
        }
        long seed = options.integer("seed", 42);
        String backbone = options.text("backbone", null);
        Learner learner = backbone == null
                ? new CnnLearner(new Trainer.Settings(options.integer("size", 128), options.integer("batch", 32),
                        options.integer("epochs", 15), options.integer("patience", 3), (float) options.decimal("lr", 0.001),
                        (float) options.decimal("l2", 1e-4), seed, options.integer("average-from", 0)))
                : new PretrainedLearner(PretrainedBackbone.load(Path.of(backbone)),
                        List.of(options.text("layers", "block_13_expand_relu").split(",")),
                        options.decimal("l2", 0.1), options.integer("iterations", 300),
                        options.integer("size", PretrainedBackbone.INPUT_SIZE));
        String name = options.text("name", "strokescan-ich");
        String version = options.text("version", "1.0.0");
        TrainingRun.Plan plan = new TrainingRun.Plan(Path.of(options.required("data")), options.text("label", "any_ich"),
                Path.of(options.required("out")),
                Path.of(options.text("work", "target/training/" + name + "-" + version)), options.flag("resume"),
                name, version, options.integer("folds", 5), options.decimal("sensitivity", 0.95), learner, seed,
                options.text("summary", "Slices listed in " + options.required("data") + "/manifest.csv"),
                options.text("extra", null) == null ? null : Path.of(options.text("extra", null)),
                options.integer("extra-turns", 0), options.text("limitation", null));
        ModelCard card = TrainingRun.run(plan, out);
        out.println("OK " + card.id() + " " + card.checksum());
        return 0;
    }

    private static int triage(Options options, PrintStream out) throws Exception {
        String name = options.text("name", "strokescan-ich");
        String version = options.text("version", "2.0.0");
        TriageTraining.Plan plan = new TriageTraining.Plan(Path.of(options.required("data")),
                Path.of(options.required("extra")), options.integer("extra-turns", 1), Path.of(options.required("non-ct")),
                PretrainedBackbone.load(Path.of(options.required("backbone"))),
                List.of(options.text("layers", "block_13_expand_relu,block_6_expand_relu").split(",")),
                options.decimal("l2", 0.1), options.integer("iterations", 300), options.integer("copies", 2),
                options.integer("folds", 5), options.integer("inner-folds", 4), options.decimal("sensitivity", 0.95),
                options.integer("study-k", 3), options.integer("seed", 42),
                Path.of(options.text("work", "target/training/" + name + "-" + version)), Path.of(options.required("out")),
                name, version, options.text("summary", "Slices listed in " + options.required("data") + "/manifest.csv"),
                options.text("limitation", null));
        ModelCard card = TriageTraining.run(plan, out);
        out.println("OK " + card.id() + " " + card.checksum());
        return 0;
    }
}
