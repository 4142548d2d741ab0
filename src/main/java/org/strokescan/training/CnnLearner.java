package org.strokescan.training;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.strokescan.training.Slices.Slice;

/** The {@link StrokeNet} CNN trained from scratch by {@link Trainer}, with checkpoints in each fold's folder. */
public record CnnLearner(Trainer.Settings settings) implements Learner {

    @Override
    public int inputSize() {
        return settings.size();
    }

    @Override
    public boolean stopsEarly() {
        return settings.averageFrom() == 0;
    }

    @Override
    public TrainingRun.FoldResult fold(int index, List<Slice> training, List<Slice> validation, List<Slice> test,
                                       Path folder, Consumer<String> log) {
        try (Trainer trainer = new Trainer(settings.withSeed(settings.seed() + index))) {
            List<Trainer.Epoch> epochs = trainer.fit(training, validation, e -> log.accept(line(e)), folder);
            int best = epochs.stream().min(Comparator.comparingDouble(Trainer.Epoch::validationLoss)).orElseThrow().number();
            float[] p = trainer.predict(test);
            Map<String, Double> predictions = new LinkedHashMap<>();
            for (int i = 0; i < test.size(); i++) {
                predictions.put(test.get(i).file(), (double) p[i]);
            }
            return new TrainingRun.FoldResult(best, predictions);
        }
    }

    @Override
    public ModelExport.Network last(List<Slice> everything, int epochs, Path folder, Consumer<String> log) {
        Trainer.Settings last = new Trainer.Settings(settings.size(), settings.batchSize(),
                stopsEarly() ? epochs : settings.maxEpochs(), Integer.MAX_VALUE, settings.learningRate(), settings.l2(),
                settings.seed(), settings.averageFrom());
        try (Trainer trainer = new Trainer(last)) {
            trainer.fit(everything, List.of(), e -> log.accept(line(e)), folder);
            return StrokeNet.exportable(trainer.parameters());
        }
    }

    @Override
    public String description() {
        return stopsEarly() ? "a CNN trained from scratch, early stopping on a separate fold of patients"
                : String.format(Locale.ROOT, "a CNN trained from scratch for %d epochs, parameters averaged from epoch"
                        + " %d (no early stopping)", settings.maxEpochs(), settings.averageFrom());
    }

    @Override
    public String input() {
        return "one 2-D slice at a time at " + settings.size() + " px";
    }

    private static String line(Trainer.Epoch e) {
        return String.format(Locale.ROOT, "  epoch %2d  train loss %.4f  validation loss %.4f  %5.1f s", e.number(),
                e.trainLoss(), e.validationLoss(), e.millis() / 1000.0);
    }
}
