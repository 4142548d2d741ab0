package org.strokescan.training;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The exportable network of a {@link PretrainedLearner}: the frozen backbone (its weights as graph constants), the
 * pooled features of {@code layers}, and the {@link LogisticHead} (its numbers as variables). Grad-CAM weighs the
 * maps of the first layer named.
 */
final class PretrainedHeadNetwork implements ModelExport.Network {

    private final PretrainedBackbone backbone;
    private final List<String> layers;
    private final LogisticHead head;
    private final LogisticHead gate;
    private final Map<String, long[]> shapes;
    private List<Variable<TFloat32>> variables;

    PretrainedHeadNetwork(PretrainedBackbone backbone, List<String> layers, LogisticHead head) {
        this(backbone, layers, head, null);
    }

    /** @param gate a second head on the same features, "is this a head-CT slice", or null */
    PretrainedHeadNetwork(PretrainedBackbone backbone, List<String> layers, LogisticHead head, LogisticHead gate) {
        this.backbone = backbone;
        this.layers = layers;
        this.head = head;
        this.gate = gate;
        int d = head.weights().length;
        this.shapes = new LinkedHashMap<>();
        for (String prefix : gate == null ? List.of("head") : List.of("head", "gate")) {
            shapes.put(prefix + "/mean", new long[] {d});
            shapes.put(prefix + "/deviation", new long[] {d});
            shapes.put(prefix + "/kernel", new long[] {d, 1});
            shapes.put(prefix + "/bias", new long[] {1});
        }
    }

    @Override
    public Output build(Ops tf, Operand<TFloat32> image) {
        Map<String, Operand<TFloat32>> maps = backbone.build(tf, image, layers);
        variables = shapes.entrySet().stream().map(e -> tf.withName(e.getKey().replace('/', '_'))
                .variable(Shape.of(e.getValue()), TFloat32.class)).toList();
        Operand<TFloat32> features = FeatureExtractor.pool(tf, maps, layers);
        return new Output(logit(tf, features, 0), maps.get(layers.getFirst()), gate == null ? null : logit(tf, features, 4));
    }

    /** The logistic head whose four variables start at {@code first}: one logit per image. */
    private Operand<TFloat32> logit(Ops tf, Operand<TFloat32> features, int first) {
        Operand<TFloat32> standardised = tf.math.div(tf.math.sub(features, variables.get(first)),
                variables.get(first + 1));
        Operand<TFloat32> logit = tf.math.add(tf.linalg.matMul(standardised, variables.get(first + 2)),
                variables.get(first + 3));
        return tf.reshape(logit, tf.constant(new int[] {-1}));
    }

    @Override
    public void load(Ops tf, Session session) {
        Map<String, float[]> values = new HashMap<>(parameters("head", head));
        if (gate != null) {
            values.putAll(parameters("gate", gate));
        }
        ModelExport.assign(tf, session, variables, values, shapes);
    }

    private static Map<String, float[]> parameters(String prefix, LogisticHead h) {
        return Map.of(prefix + "/mean", h.mean(), prefix + "/deviation", h.deviation(), prefix + "/kernel", h.weights(),
                prefix + "/bias", new float[] {h.bias()});
    }
}
