package org.strokescan.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.strokescan.training.Slices.Slice;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The frozen pretrained backbone run over prepared slices: one globally averaged feature vector per slice. */
public final class FeatureExtractor implements AutoCloseable {

    private static final int BATCH = 32;

    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> images;
    private final Operand<TFloat32> pooled;
    private final int size;

    /** Features of {@code layers}: for each, its spatial mean and its spatial maximum, side by side. */
    public FeatureExtractor(PretrainedBackbone backbone, int size, List<String> layers) {
        this.size = size;
        Ops tf = Ops.create(graph);
        images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 1)));
        pooled = pool(tf, backbone.build(tf, images, layers), layers);
        session = new Session(graph);
    }

    /** Mean and maximum over the spatial axes of each layer's maps, in the order of {@code layers}: {@code [n, f]}. */
    static Operand<TFloat32> pool(Ops tf, Map<String, Operand<TFloat32>> maps, List<String> layers) {
        List<Operand<TFloat32>> parts = new ArrayList<>();
        for (String layer : layers) {
            parts.add(tf.math.mean(maps.get(layer), tf.constant(new int[] {1, 2})));
            parts.add(tf.max(maps.get(layer), tf.constant(new int[] {1, 2})));
        }
        return tf.concat(parts, tf.constant(1));
    }

    /** One row of features per slice, in order. */
    public float[][] features(List<Slice> slices) {
        float[][] out = new float[slices.size()][];
        for (int from = 0; from < slices.size(); from += BATCH) {
            List<Slice> part = slices.subList(from, Math.min(slices.size(), from + BATCH));
            float[] pixels = new float[part.size() * size * size];
            for (int i = 0; i < part.size(); i++) {
                System.arraycopy(part.get(i).tensor(), 0, pixels, i * size * size, size * size);
            }
            try (TFloat32 x = TFloat32.tensorOf(Shape.of(part.size(), size, size, 1), DataBuffers.of(pixels, true, false));
                 Result result = session.runner().feed(images, x).fetch(pooled).run()) {
                TFloat32 f = (TFloat32) result.get(0);
                int width = (int) f.shape().get(1);
                for (int i = 0; i < part.size(); i++) {
                    float[] row = new float[width];
                    for (int j = 0; j < width; j++) {
                        row[j] = f.getFloat(i, j);
                    }
                    out[from + i] = row;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
