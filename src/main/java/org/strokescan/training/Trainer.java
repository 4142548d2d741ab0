package org.strokescan.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.strokescan.training.Slices.Slice;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Trains {@link StrokeNet} in TensorFlow graph mode: class-weighted binary cross-entropy with a little L2, Adam,
 * augmented mini-batches. Two ways to end: early stopping on a validation set of other patients (keeping the best
 * epoch), or a fixed number of epochs whose parameters are averaged from epoch {@code averageFrom} on (stochastic
 * weight averaging) — on folds of a dozen patients the validation loss is too noisy to pick an epoch by. Each epoch
 * draws its augmentation and order from its own seed, so a run resumed from a checkpoint repeats the same steps.
 * One instance is one training run; it is not thread-safe.
 */
public final class Trainer implements AutoCloseable {

    /**
     * Hyper-parameters of one run.
     *
     * @param averageFrom 0 for early stopping with {@code patience}; otherwise train {@code maxEpochs} epochs and
     *                    average the parameters of epoch {@code averageFrom} to the last
     */
    public record Settings(int size, int batchSize, int maxEpochs, int patience, float learningRate, float l2, long seed,
                           int averageFrom) {

        Settings withSeed(long newSeed) {
            return new Settings(size, batchSize, maxEpochs, patience, learningRate, l2, newSeed, averageFrom);
        }

        Settings withEpochs(int epochs) {
            return new Settings(size, batchSize, epochs, patience, learningRate, l2, seed, averageFrom);
        }
    }

    /** What one epoch did, for the run log. */
    public record Epoch(int number, double trainLoss, double validationLoss, long millis) {
    }

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;

    private final Settings settings;
    private final Graph graph = new Graph();
    private final Session session;
    private final Ops tf;
    private final List<Variable<TFloat32>> parameters = new ArrayList<>();
    private final Placeholder<TFloat32> images;
    private final Placeholder<TFloat32> labels;
    private final Placeholder<TFloat32> weights;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Operand<TFloat32> probability;
    private final Operand<TFloat32> loss;
    private final List<Operand<TFloat32>> updates = new ArrayList<>();
    private final List<Variable<TFloat32>> firstMoments = new ArrayList<>();
    private final List<Variable<TFloat32>> secondMoments = new ArrayList<>();
    private long step;

    public Trainer(Settings settings) {
        this.settings = settings;
        this.session = new Session(graph);
        this.tf = Ops.create(graph);
        int size = settings.size();
        StrokeNet.parameterShapes().forEach((name, shape) ->
                parameters.add(tf.withName(name.replace('/', '_')).variable(Shape.of(shape), TFloat32.class)));
        images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 1)));
        labels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        weights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        learningRate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

        ModelExport.Network.Output forward = StrokeNet.forward(tf, images, parameters);
        probability = tf.math.sigmoid(forward.logit());
        // binary cross-entropy on the logit z with label y: softplus(z) − y·z, stable for any z
        Operand<TFloat32> perImage = tf.math.sub(tf.math.softplus(forward.logit()), tf.math.mul(labels, forward.logit()));
        Operand<TFloat32> dataLoss = tf.math.div(tf.sum(tf.math.mul(perImage, weights), tf.constant(0)),
                tf.sum(weights, tf.constant(0)));
        Operand<TFloat32> penalty = tf.constant(0f);
        List<String> names = List.copyOf(StrokeNet.parameterShapes().keySet());
        for (int i = 0; i < parameters.size(); i++) {
            if (names.get(i).endsWith("/kernel")) {
                penalty = tf.math.add(penalty, tf.nn.l2Loss(parameters.get(i)));
            }
        }
        loss = tf.math.add(dataLoss, tf.math.mul(tf.constant(settings.l2()), penalty));

        Gradients gradients = tf.gradients(loss, parameters);
        // Every update waits for every gradient and the loss: without this, one layer's update could overwrite a
        // kernel that another layer's gradient has yet to read, and two runs with the same seed would differ.
        List<Operation> computed = new ArrayList<>();
        computed.add(loss.op());
        for (int i = 0; i < parameters.size(); i++) {
            computed.add(gradients.dy(i).op());
        }
        Ops afterGradients = tf.withControlDependencyOps(computed);
        for (int i = 0; i < parameters.size(); i++) {
            Variable<TFloat32> parameter = parameters.get(i);
            Variable<TFloat32> m = tf.variable(tf.zerosLike(parameter));
            Variable<TFloat32> v = tf.variable(tf.zerosLike(parameter));
            firstMoments.add(m);
            secondMoments.add(v);
            Operand<TFloat32> gradient = gradients.dy(i);
            updates.add(afterGradients.train.applyAdam(parameter, m, v, beta1Power, beta2Power, learningRate,
                    tf.constant(BETA1), tf.constant(BETA2), tf.constant(1e-7f), gradient));
        }
        ModelExport.assign(tf, session, parameters, StrokeNet.initialParameters(settings.seed()));
        session.initialize();
    }

    /**
     * Trains as the settings say (see the class comment) and leaves the chosen parameters in place. Positives are
     * weighted by the negative:positive ratio of the training set. With a {@code checkpoints} folder, the state is
     * written there after every epoch, and a run started on a folder holding a checkpoint goes on from it.
     */
    public List<Epoch> fit(List<Slice> training, List<Slice> validation, Consumer<Epoch> log, Path checkpoints) {
        long positives = training.stream().filter(s -> s.label() == 1).count();
        float positiveWeight = positives == 0 ? 1f : (float) (training.size() - positives) / positives;
        Augmenter augmenter = Augmenter.standard();
        boolean averaging = settings.averageFrom() > 0;
        List<Epoch> epochs = new ArrayList<>();
        double best = Double.MAX_VALUE;
        Map<String, float[]> bestParameters = parameters();
        Map<String, float[]> average = new LinkedHashMap<>();
        int averaged = 0;
        int sinceBest = 0;
        Checkpoint resumed = checkpoints == null ? null : Checkpoint.read(checkpoints);
        if (resumed != null) {
            restore(resumed);
            epochs.addAll(resumed.epochs());
            best = resumed.bestLoss();
            bestParameters = resumed.group("best/");
            average = resumed.group("average/");
            averaged = resumed.averaged();
            sinceBest = resumed.sinceBest();
        }
        for (int epoch = epochs.size() + 1; epoch <= settings.maxEpochs() && (averaging || sinceBest < settings.patience());
             epoch++) {
            long start = System.nanoTime();
            SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + epoch);
            List<Slice> order = new ArrayList<>(training);
            shuffle(order, random);
            double trainLoss = 0;
            int batches = 0;
            for (int from = 0; from < order.size(); from += settings.batchSize()) {
                List<Slice> batch = order.subList(from, Math.min(order.size(), from + settings.batchSize()));
                trainLoss += step(batch, positiveWeight, augmenter, random);
                batches++;
            }
            double validationLoss = validation.isEmpty() ? trainLoss / batches : weightedLoss(validation, positiveWeight);
            Map<String, float[]> now = parameters();
            if (validationLoss < best) {
                best = validationLoss;
                bestParameters = now;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            if (averaging && epoch >= settings.averageFrom()) {
                averaged++;
                accumulate(average, now, averaged);
            }
            Epoch done = new Epoch(epoch, trainLoss / batches, validationLoss, (System.nanoTime() - start) / 1_000_000);
            epochs.add(done);
            if (checkpoints != null) {
                checkpoint(epoch, best, sinceBest, averaged, epochs, now, bestParameters, average).write(checkpoints);
            }
            log.accept(done);
        }
        ModelExport.assign(tf, session, parameters, averaging && averaged > 0 ? average : bestParameters);
        return epochs;
    }

    public List<Epoch> fit(List<Slice> training, List<Slice> validation, Consumer<Epoch> log) {
        return fit(training, validation, log, null);
    }

    /** Running mean: after the n-th epoch, average += (now − average) / n. */
    private static void accumulate(Map<String, float[]> average, Map<String, float[]> now, int n) {
        now.forEach((name, values) -> {
            float[] mean = average.computeIfAbsent(name, k -> new float[values.length]);
            for (int i = 0; i < values.length; i++) {
                mean[i] += (values[i] - mean[i]) / n;
            }
        });
    }

    private Checkpoint checkpoint(int epoch, double best, int sinceBest, int averaged, List<Epoch> epochs,
                                  Map<String, float[]> now, Map<String, float[]> bestParameters,
                                  Map<String, float[]> average) {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        now.forEach((name, v) -> arrays.put("param/" + name, v));
        read(firstMoments).forEach((name, v) -> arrays.put("m/" + name, v));
        read(secondMoments).forEach((name, v) -> arrays.put("v/" + name, v));
        bestParameters.forEach((name, v) -> arrays.put("best/" + name, v));
        average.forEach((name, v) -> arrays.put("average/" + name, v));
        return new Checkpoint(epoch, step, best, sinceBest, averaged, List.copyOf(epochs), arrays);
    }

    private void restore(Checkpoint checkpoint) {
        ModelExport.assign(tf, session, parameters, checkpoint.group("param/"));
        ModelExport.assign(tf, session, firstMoments, checkpoint.group("m/"));
        ModelExport.assign(tf, session, secondMoments, checkpoint.group("v/"));
        step = checkpoint.step();
    }

    private double step(List<Slice> batch, float positiveWeight, Augmenter augmenter, SplittableRandom random) {
        int size = settings.size();
        float[] pixels = new float[batch.size() * size * size];
        float[] y = new float[batch.size()];
        float[] w = new float[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Slice slice = batch.get(i);
            System.arraycopy(augmenter.augment(slice.tensor(), size, random), 0, pixels, i * size * size, size * size);
            y[i] = slice.label();
            w[i] = slice.label() == 1 ? positiveWeight : 1f;
        }
        step++;
        float lr = settings.learningRate();
        try (TFloat32 x = batchTensor(pixels, batch.size());
             TFloat32 yt = TFloat32.vectorOf(y);
             TFloat32 wt = TFloat32.vectorOf(w);
             TFloat32 lrt = TFloat32.scalarOf(lr);
             TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(BETA1, step));
             TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(BETA2, step))) {
            Session.Runner runner = session.runner().feed(images, x).feed(labels, yt).feed(weights, wt)
                    .feed(learningRate, lrt).feed(beta1Power, b1).feed(beta2Power, b2).fetch(loss);
            updates.forEach(runner::addTarget);
            try (Result result = runner.run()) {
                return ((TFloat32) result.get(0)).getFloat();
            }
        }
    }

    /** The model's probability for each slice, in order. */
    public float[] predict(List<Slice> slices) {
        int size = settings.size();
        float[] out = new float[slices.size()];
        int chunk = 64;
        for (int from = 0; from < slices.size(); from += chunk) {
            List<Slice> part = slices.subList(from, Math.min(slices.size(), from + chunk));
            float[] pixels = new float[part.size() * size * size];
            for (int i = 0; i < part.size(); i++) {
                System.arraycopy(part.get(i).tensor(), 0, pixels, i * size * size, size * size);
            }
            try (TFloat32 x = batchTensor(pixels, part.size());
                 Result result = session.runner().feed(images, x).fetch(probability).run()) {
                TFloat32 p = (TFloat32) result.get(0);
                for (int i = 0; i < part.size(); i++) {
                    out[from + i] = p.getFloat(i);
                }
            }
        }
        return out;
    }

    private double weightedLoss(List<Slice> slices, float positiveWeight) {
        float[] p = predict(slices);
        double sum = 0;
        double weightSum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.clamp(p[i], 1e-7, 1 - 1e-7);
            boolean positive = slices.get(i).label() == 1;
            double w = positive ? positiveWeight : 1;
            sum += -w * (positive ? Math.log(q) : Math.log(1 - q));
            weightSum += w;
        }
        return sum / weightSum;
    }

    /** The current parameter values, by name. */
    public Map<String, float[]> parameters() {
        return read(parameters);
    }

    /** The values of variables shaped like the parameters, under the parameters' names. */
    private Map<String, float[]> read(List<Variable<TFloat32>> variables) {
        Map<String, float[]> values = new LinkedHashMap<>();
        List<String> names = List.copyOf(StrokeNet.parameterShapes().keySet());
        for (int i = 0; i < variables.size(); i++) {
            try (Result result = session.runner().fetch(variables.get(i)).run()) {
                TFloat32 tensor = (TFloat32) result.get(0);
                float[] v = new float[(int) tensor.size()];
                FloatDataBuffer buffer = DataBuffers.of(v, false, false);
                tensor.copyTo(buffer);
                values.put(names.get(i), v);
            }
        }
        return values;
    }

    private TFloat32 batchTensor(float[] pixels, int count) {
        int size = settings.size();
        return TFloat32.tensorOf(Shape.of(count, size, size, 1), DataBuffers.of(pixels, true, false));
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
