package org.strokescan.training;

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
    private final Map<String, long[]> shapes;
    private List<Variable<TFloat32>> variables;

    PretrainedHeadNetwork(PretrainedBackbone backbone, List<String> layers, LogisticHead head) {
        this.backbone = backbone;
        this.layers = layers;
        this.head = head;
        int d = head.weights().length;
        this.shapes = new java.util.LinkedHashMap<>();
        shapes.put("head/mean", new long[] {d});
        shapes.put("head/deviation", new long[] {d});
        shapes.put("head/kernel", new long[] {d, 1});
        shapes.put("head/bias", new long[] {1});
    }

    @Override
    public Output build(Ops tf, Operand<TFloat32> image) {
        Map<String, Operand<TFloat32>> maps = backbone.build(tf, image, layers);
        variables = shapes.entrySet().stream().map(e -> tf.withName(e.getKey().replace('/', '_'))
                .variable(Shape.of(e.getValue()), TFloat32.class)).toList();
        Operand<TFloat32> features = FeatureExtractor.pool(tf, maps, layers);
        Operand<TFloat32> standardised = tf.math.div(tf.math.sub(features, variables.get(0)), variables.get(1));
        Operand<TFloat32> logit = tf.math.add(tf.linalg.matMul(standardised, variables.get(2)), variables.get(3));
        return new Output(tf.reshape(logit, tf.constant(new int[] {-1})), maps.get(layers.getFirst()));
    }

    @Override
    public void load(Ops tf, Session session) {
        ModelExport.assign(tf, session, variables, Map.of("head/mean", head.mean(), "head/deviation", head.deviation(),
                "head/kernel", head.weights(), "head/bias", new float[] {head.bias()}), shapes);
    }
}
