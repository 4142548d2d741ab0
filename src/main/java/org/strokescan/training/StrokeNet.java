package org.strokescan.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The StrokeScan CNN, defined once for training and for the exported serving graph: four 3×3 convolution
 * blocks (ReLU, 2×2 max pooling after the first three), global average pooling and one logistic unit. The last
 * convolution's feature maps are what Grad-CAM weighs. Small on purpose: 1,996 slices of 65 patients do not
 * support a large network, and it must run on two CPU cores.
 */
public final class StrokeNet {

    /** Filters of each convolution block. */
    static final int[] FILTERS = {16, 32, 64, 64};

    private StrokeNet() {
    }

    /** The network with these parameter values, for {@link ModelExport}. */
    public static ModelExport.Network exportable(Map<String, float[]> parameters) {
        return new ModelExport.Network() {
            private final List<Variable<TFloat32>> variables = new ArrayList<>();

            @Override
            public Output build(Ops tf, Operand<TFloat32> image) {
                parameterShapes().forEach((name, shape) ->
                        variables.add(tf.withName(name.replace('/', '_')).variable(Shape.of(shape), TFloat32.class)));
                return forward(tf, image, variables);
            }

            @Override
            public void load(Ops tf, Session session) {
                ModelExport.assign(tf, session, variables, parameters);
            }
        };
    }

    /** The parameter names and shapes, in a fixed order. */
    public static Map<String, long[]> parameterShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long channels = 1;
        for (int block = 0; block < FILTERS.length; block++) {
            shapes.put("conv" + block + "/kernel", new long[] {3, 3, channels, FILTERS[block]});
            shapes.put("conv" + block + "/bias", new long[] {FILTERS[block]});
            channels = FILTERS[block];
        }
        shapes.put("dense/kernel", new long[] {channels, 1});
        shapes.put("dense/bias", new long[] {1});
        return shapes;
    }

    /** He-normal kernels and zero biases from a seeded generator, so a training run can be repeated. */
    public static Map<String, float[]> initialParameters(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        parameterShapes().forEach((name, shape) -> {
            float[] v = new float[(int) Arrays.stream(shape).reduce(1, Math::multiplyExact)];
            if (name.endsWith("/kernel")) {
                long fanIn = Arrays.stream(shape, 0, shape.length - 1).reduce(1, Math::multiplyExact);
                double deviation = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (gaussian(random) * deviation);
                }
            }
            values.put(name, v);
        });
        return values;
    }

    /** The forward pass over a batch {@code [n, size, size, 1]}; {@code parameters} in the order of the shapes. */
    public static ModelExport.Network.Output forward(Ops tf, Operand<TFloat32> images, List<? extends Operand<TFloat32>> parameters) {
        Operand<TFloat32> x = images;
        for (int block = 0; block < FILTERS.length; block++) {
            Operand<TFloat32> kernel = parameters.get(2 * block);
            Operand<TFloat32> bias = parameters.get(2 * block + 1);
            x = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME"), bias));
            if (block < FILTERS.length - 1) {
                x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
            }
        }
        Operand<TFloat32> features = x;
        Operand<TFloat32> pooled = tf.math.mean(features, tf.constant(new int[] {1, 2}));
        int dense = 2 * FILTERS.length;
        Operand<TFloat32> logit = tf.math.add(tf.linalg.matMul(pooled, parameters.get(dense)), parameters.get(dense + 1));
        return new ModelExport.Network.Output(tf.reshape(logit, tf.constant(new int[] {-1})), features);
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: SplittableRandom has no nextGaussian that is stable across JDK versions
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
