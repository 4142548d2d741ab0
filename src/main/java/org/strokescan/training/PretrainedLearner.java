package org.strokescan.training;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.strokescan.training.Slices.Slice;

/**
 * A {@link LogisticHead} on features of a frozen {@link PretrainedBackbone}: the spatial mean and maximum of the
 * maps of {@code layers}. The backbone is not trained (two CPU cores cannot), so each slice's features are computed
 * once and every fold only fits the head.
 */
public final class PretrainedLearner implements Learner {

    private final PretrainedBackbone backbone;
    private final List<String> layers;
    private final double l2;
    private final int iterations;
    private final int size;
    private final Map<String, float[]> features = new HashMap<>();

    /** @param size the side of the slices fed to the backbone (it was trained at 224 px) */
    public PretrainedLearner(PretrainedBackbone backbone, List<String> layers, double l2, int iterations, int size) {
        this.size = size;
        this.backbone = backbone;
        this.layers = List.copyOf(layers);
        this.l2 = l2;
        this.iterations = iterations;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public boolean stopsEarly() {
        return false;
    }

    @Override
    public TrainingRun.FoldResult fold(int index, List<Slice> training, List<Slice> validation, List<Slice> test,
                                       Path folder, Consumer<String> log) {
        LogisticHead head = fit(training, log);
        float[][] x = features(test, log);
        Map<String, Double> predictions = new LinkedHashMap<>();
        for (int i = 0; i < test.size(); i++) {
            predictions.put(test.get(i).file(), head.probability(x[i]));
        }
        return new TrainingRun.FoldResult(0, predictions);
    }

    @Override
    public ModelExport.Network last(List<Slice> everything, int epochs, Path folder, Consumer<String> log) {
        return new PretrainedHeadNetwork(backbone, layers, fit(everything, log));
    }

    private LogisticHead fit(List<Slice> training, Consumer<String> log) {
        float[][] x = features(training, log);
        long start = System.nanoTime();
        int[] y = training.stream().mapToInt(Slice::label).toArray();
        LogisticHead head = LogisticHead.fit(x, y, l2, iterations);
        log.accept(String.format(Locale.ROOT, "  head fitted on %d slices in %.1f s", training.size(),
                (System.nanoTime() - start) / 1e9));
        return head;
    }

    /** The slices' features, computed once per slice (by file name) for the whole run. */
    private float[][] features(List<Slice> slices, Consumer<String> log) {
        List<Slice> missing = slices.stream().filter(s -> !features.containsKey(s.file())).toList();
        if (!missing.isEmpty()) {
            long start = System.nanoTime();
            try (FeatureExtractor extractor = new FeatureExtractor(backbone, inputSize(), layers)) {
                float[][] computed = extractor.features(missing);
                for (int i = 0; i < missing.size(); i++) {
                    features.put(missing.get(i).file(), computed[i]);
                }
            }
            log.accept(String.format(Locale.ROOT, "  backbone features of %d slices in %.1f s (%.1f slices/s)",
                        missing.size(), (System.nanoTime() - start) / 1e9,
                        missing.size() / ((System.nanoTime() - start) / 1e9)));
        }
        return slices.stream().map(s -> features.get(s.file())).toArray(float[][]::new);
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "a logistic regression (L2 %.3g) on the spatial mean and maximum of the"
                + " layers %s of a frozen MobileNetV2 pretrained on ImageNet and fine-tuned on photographs (npm nsfwjs"
                + " 4.4.0)", l2, String.join(", ", layers));
    }

    @Override
    public String input() {
        return "one 2-D slice at a time at " + inputSize() + " px (grey copied to the three colour channels)";
    }
}
