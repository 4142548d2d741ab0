package org.strokescan.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.strokescan.training.Slices.Slice;

/**
 * One way to learn a slice model, as {@link TrainingRun} uses it for every cross-validation fold and for the final
 * model: the {@link StrokeNet} CNN from scratch ({@link CnnLearner}) or a {@link LogisticHead} on a frozen
 * {@link PretrainedBackbone} ({@link PretrainedLearner}).
 */
public interface Learner {

    /** The side of the square slice the model reads. */
    int inputSize();

    /** Whether a fold needs patients held out to stop on, and the final model its folds' median best epoch. */
    boolean stopsEarly();

    /**
     * Trains one fold's model and scores its test slices (uncalibrated). {@code folder} is the fold's own, for
     * checkpoints.
     */
    TrainingRun.FoldResult fold(int index, List<Slice> training, List<Slice> validation, List<Slice> test, Path folder,
                                Consumer<String> log) throws IOException;

    /** Trains the model to ship on everything; {@code epochs} is the folds' median best epoch where it stops early. */
    ModelExport.Network last(List<Slice> everything, int epochs, Path folder, Consumer<String> log) throws IOException;

    /** How it learns, in one clause for the model card's validation text. */
    String description();

    /** What it sees, in one clause for the model card's limitations. */
    String input();
}
