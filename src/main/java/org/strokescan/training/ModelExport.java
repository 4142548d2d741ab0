package org.strokescan.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.control.ModelFiles;
import org.strokescan.inference.entity.ModelCard;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Writes a lean, inference-only SavedModel of a {@link Network} (the {@link StrokeNet} CNN, or a pretrained
 * backbone with a {@link LogisticHead}) plus its model card.
 * Signatures (input {@code image}, {@code [n, size, size, 1]} float32, prepared by the shared preprocessing):
 * <ul>
 *   <li>{@code serving_default}: {@code probability} {@code [n]}, the logit after the Platt calibration;</li>
 *   <li>{@code explain}: {@code probability} and {@code heatmap} {@code [n, size, size]} in [0, 1] — Grad-CAM over
 *       the last convolution, computed in the graph: the gradient of the logit weighs each feature map.</li>
 * </ul>
 * A network with a learned gate adds {@code head_ct} {@code [n]} to both signatures.
 */
public final class ModelExport {

    public static final String SERVING = "serving_default";
    public static final String EXPLAIN = "explain";
    /** The output of a network with a learned gate: the probability that the image is an axial head-CT slice. */
    public static final String HEAD_CT = StrokeModel.HEAD_CT;

    private ModelExport() {
    }

    /** A network the export can write: it builds its graph on the input, then sets its variables' values. */
    public interface Network {

        /**
         * The logit per image, the feature maps Grad-CAM weighs, and the learned gate's logit ("is this a head-CT
         * slice") per image, or null for a network without a gate.
         */
        record Output(Operand<TFloat32> logit, Operand<TFloat32> features, Operand<TFloat32> gateLogit) {

            public Output(Operand<TFloat32> logit, Operand<TFloat32> features) {
                this(logit, features, null);
            }
        }

        Output build(Ops tf, Operand<TFloat32> image);

        void load(Ops tf, Session session);
    }

    /** Exports into an empty or new {@code folder}; {@code card} gets the files' sha256 and returns the card. */
    public static ModelCard export(Path folder, int size, Network network, Calibration calibration,
                                   Function<Map<String, String>, ModelCard> card) throws IOException {
        if (Files.exists(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("export folder " + folder + " is not empty");
                }
            }
        }
        Files.createDirectories(folder);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, size, size, 1)));
            Network.Output forward = network.build(tf, image);
            Operand<TFloat32> calibrated = tf.math.add(tf.math.mul(forward.logit(), tf.constant((float) calibration.a())),
                    tf.constant((float) calibration.b()));
            Operand<TFloat32> probability = tf.withName("probability").math.sigmoid(calibrated);
            Operand<TFloat32> heatmap = tf.withName("heatmap").reshape(gradCam(tf, forward, size),
                    tf.constant(new int[] {-1, size, size}));

            network.load(tf, session);
            Signature.Builder serving = Signature.builder().key(SERVING).input("image", image)
                    .output("probability", probability);
            Signature.Builder explain = Signature.builder().key(EXPLAIN).input("image", image)
                    .output("probability", probability).output("heatmap", heatmap);
            if (forward.gateLogit() != null) {
                Operand<TFloat32> headCt = tf.withName(HEAD_CT).math.sigmoid(forward.gateLogit());
                serving.output(HEAD_CT, headCt);
                explain.output(HEAD_CT, headCt);
            }
            SavedModelBundle.exporter(folder.toString()).withSession(session)
                    .withSignature(serving.build()).withSignature(explain.build()).export();
        }
        ModelCard written = card.apply(ModelFiles.hash(folder));
        ModelCards.write(folder, written);
        return written;
    }

    /** Grad-CAM: ReLU of the gradient-weighted sum of feature maps, scaled to [0, 1] per image, resized to the input. */
    static Operand<TFloat32> gradCam(Ops tf, Network.Output forward, int size) {
        Gradients gradients = tf.gradients(tf.sum(forward.logit(), tf.constant(0)), List.of(forward.features()));
        Operand<TFloat32> grads = gradients.dy(0);
        Operand<TFloat32> weights = tf.math.mean(grads, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
        Operand<TFloat32> cam = tf.nn.relu(tf.sum(tf.math.mul(forward.features(), weights), tf.constant(3),
                Sum.keepDims(true)));
        Operand<TFloat32> peak = tf.max(cam, tf.constant(new int[] {1, 2, 3}), Max.keepDims(true));
        Operand<TFloat32> scaled = tf.math.div(cam, tf.math.maximum(peak, tf.constant(1e-6f)));
        return tf.image.resizeBilinear(scaled, tf.constant(new int[] {size, size}));
    }

    /** Sets each StrokeNet variable from Java values through a placeholder, so the values are not baked into the graph. */
    static void assign(Ops tf, Session session, List<Variable<TFloat32>> variables, Map<String, float[]> parameters) {
        assign(tf, session, variables, parameters, StrokeNet.parameterShapes());
    }

    /** As above, for variables of the given names and shapes, in that order. */
    static void assign(Ops tf, Session session, List<Variable<TFloat32>> variables, Map<String, float[]> parameters,
                       Map<String, long[]> shapesByName) {
        List<long[]> shapes = List.copyOf(shapesByName.values());
        List<String> names = List.copyOf(shapesByName.keySet());
        for (int i = 0; i < variables.size(); i++) {
            float[] values = parameters.get(names.get(i));
            if (values == null) {
                throw new IllegalArgumentException("no values for parameter " + names.get(i));
            }
            Placeholder<TFloat32> value = tf.placeholder(TFloat32.class);
            try (TFloat32 tensor = TFloat32.tensorOf(Shape.of(shapes.get(i)), DataBuffers.of(values, true, false))) {
                session.runner().feed(value, tensor).addTarget(tf.assign(variables.get(i), value)).run();
            }
        }
    }
}
