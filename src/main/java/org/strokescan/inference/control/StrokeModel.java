package org.strokescan.inference.control;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.PreparedImage;

/**
 * A verified model loaded into DJL's TensorFlow engine. DJL predictors are not thread-safe, so each signature
 * has a fixed pool of them: a caller borrows one for one call, and at most {@code poolSize} calls run at once.
 * Every tensor is checked against the card's input size in Java before it reaches TensorFlow, whose own shape
 * checks abort the JVM.
 */
public final class StrokeModel implements AutoCloseable {

    public static final String ENGINE = "TensorFlow";
    /** The output of a model with a learned gate (its card names a gate rule): P(axial head-CT slice). */
    public static final String HEAD_CT = "head_ct";

    private final ModelCard card;
    private final String checksum;
    private final String device;
    private final ZooModel<NDList, NDList> serving;
    private final ZooModel<NDList, NDList> explaining;
    private final BlockingQueue<Predictor<NDList, NDList>> predictors;
    private final BlockingQueue<Predictor<NDList, NDList>> explainers;
    private final int poolSize;

    /**
     * A probability, where asked for the Grad-CAM map ({@code size × size}, in [0, 1]), and the learned gate's
     * head-CT probability (NaN for a model without a learned gate).
     */
    public record Output(float probability, float[] heatmap, float headCt) {
    }

    private StrokeModel(ModelCard card, ZooModel<NDList, NDList> serving, ZooModel<NDList, NDList> explaining,
                        int poolSize) {
        this.card = card;
        this.checksum = card.checksum();
        this.serving = serving;
        this.explaining = explaining;
        Device runsOn = serving.getNDManager().getDevice();
        this.device = runsOn.isGpu() ? "gpu(" + runsOn.getDeviceId() + ")" : "cpu";
        this.poolSize = poolSize;
        this.predictors = new ArrayBlockingQueue<>(poolSize);
        this.explainers = new ArrayBlockingQueue<>(poolSize);
        try {
            for (int i = 0; i < poolSize; i++) {
                predictors.add(serving.newPredictor());
                explainers.add(explaining.newPredictor());
            }
        } catch (RuntimeException e) {
            predictors.forEach(Predictor::close);
            explainers.forEach(Predictor::close);
            throw e;
        }
    }

    /**
     * Verifies the folder against its card, loads both signatures and runs one warm-up call.
     *
     * @throws ModelUnavailableException with a message that names the problem
     */
    public static StrokeModel load(Path folder, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("predictor pool size must be at least 1, got " + poolSize);
        }
        ModelCard card = ModelCards.read(folder);
        ModelFiles.verify(folder, card);
        offline();
        // whatever was opened before a failure is closed again: native graphs and predictors are not collected
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ZooModel<NDList, NDList> serving = open(folder, "serving_default");
            opened.add(serving);
            ZooModel<NDList, NDList> explaining = open(folder, "explain");
            opened.add(explaining);
            StrokeModel model = new StrokeModel(card, serving, explaining, poolSize);
            opened.clear();
            opened.add(model); // closes its predictors and both models
            int size = card.preprocessing().inputSize();
            PreparedImage blank = new PreparedImage(new float[size * size], size, 0, 0, size, size);
            // warm both signatures, so the first real request pays no graph setup
            model.probability(blank);
            model.explain(blank);
            return model;
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            closeQuietly(opened, e);
            if (e instanceof ModelUnavailableException unavailable) {
                throw unavailable;
            }
            throw new ModelUnavailableException("model " + card.id() + " could not be loaded by the TensorFlow engine: "
                    + e.getMessage(), e);
        }
    }

    private static void closeQuietly(List<AutoCloseable> opened, Exception cause) {
        for (AutoCloseable resource : opened.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** DJL must never reach for the network: the natives come from the class path (see native/lib). */
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
    }

    private static ZooModel<NDList, NDList> open(Path folder, String signature)
            throws IOException, ModelNotFoundException, MalformedModelException {
        Device device = Engine.getEngine(ENGINE).getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        return Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(folder)
                .optEngine(ENGINE)
                .optDevice(device)
                .optOption("Tags", "serve")
                .optOption("SignatureDefKey", signature)
                .optTranslator(new NoopTranslator())
                .build()
                .loadModel();
    }

    public ModelCard card() {
        return card;
    }

    public String checksum() {
        return checksum;
    }

    public String device() {
        return device;
    }

    /** How many engine calls can run at once. */
    public int poolSize() {
        return poolSize;
    }

    public float probability(PreparedImage image) {
        return probabilities(List.of(image))[0];
    }

    /**
     * The probabilities of several images from one engine call (a batch): on a CPU one call of n images costs less
     * than n calls of one (see {@link InferenceBatcher}).
     */
    public float[] probabilities(List<PreparedImage> images) {
        images.forEach(this::checkedPixels);
        // a lone image (every call at low load) is its own batch: no second copy of it on the request path
        float[] batch = images.size() == 1 ? images.getFirst().tensor() : concatenated(images);
        float[] probabilities = run(predictors, batch, images.size(), false).probabilities();
        if (probabilities.length != images.size()) {
            throw new IllegalStateException("the model returned " + probabilities.length + " probabilities for "
                    + images.size() + " images");
        }
        return probabilities;
    }

    /**
     * The probability and the learned gate's head-CT probability of each image, side by side
     * ({@code [p0, h0, p1, h1, …]}), from one engine call; a model without a learned gate gives NaN for the gate.
     */
    public float[] scores(List<PreparedImage> images) {
        images.forEach(this::checkedPixels);
        float[] batch = images.size() == 1 ? images.getFirst().tensor() : concatenated(images);
        Batch output = run(predictors, batch, images.size(), false);
        if (output.probabilities().length != images.size()) {
            throw new IllegalStateException("the model returned " + output.probabilities().length + " probabilities for "
                    + images.size() + " images");
        }
        float[] scores = new float[2 * images.size()];
        for (int i = 0; i < images.size(); i++) {
            scores[2 * i] = output.probabilities()[i];
            scores[2 * i + 1] = output.headCt() == null ? Float.NaN : output.headCt()[i];
        }
        return scores;
    }

    /**
     * One inference on a blank and on a noise image through both signatures: every output must be a probability.
     *
     * @throws ModelUnavailableException naming the output that is not
     */
    public void smokeTest() {
        int size = card.preprocessing().inputSize();
        float[] noise = new float[size * size];
        java.util.Random random = new java.util.Random(size);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextFloat();
        }
        List<PreparedImage> images = List.of(new PreparedImage(new float[size * size], size, 0, 0, size, size),
                new PreparedImage(noise, size, 0, 0, size, size));
        float[] scores = scores(images);
        for (int i = 0; i < scores.length; i++) {
            boolean gateless = i % 2 == 1 && card.gate() == null;
            if (!gateless && !(scores[i] >= 0 && scores[i] <= 1)) {
                throw new ModelUnavailableException("model " + card.id() + " gave " + scores[i] + " as "
                        + (i % 2 == 0 ? "a probability" : "its gate's head-CT probability") + " in its smoke test");
            }
        }
        Output explained = explain(images.get(1));
        for (float value : explained.heatmap()) {
            if (!Float.isFinite(value)) {
                throw new ModelUnavailableException("model " + card.id() + " gave a heat map with " + value
                        + " in its smoke test");
            }
        }
    }

    private static float[] concatenated(List<PreparedImage> images) {
        int pixels = images.getFirst().size() * images.getFirst().size();
        float[] batch = new float[images.size() * pixels];
        for (int i = 0; i < images.size(); i++) {
            images.get(i).copyTo(batch, i * pixels);
        }
        return batch;
    }

    public Output explain(PreparedImage image) {
        checkedPixels(image);
        Batch output = run(explainers, image.tensor(), 1, true);
        return new Output(output.probabilities()[0], output.heatmap(),
                output.headCt() == null ? Float.NaN : output.headCt()[0]);
    }

    /** The number of values of an input the model takes; anything else is refused before it reaches TensorFlow. */
    int checkedPixels(PreparedImage image) {
        int size = card.preprocessing().inputSize();
        if (image.size() != size) {
            throw new IllegalArgumentException("model " + card.id() + " takes " + size + "×" + size + " inputs, got "
                    + image.size() + "×" + image.size());
        }
        return size * size;
    }

    /** @param headCt the learned gate's output, or null for a model without one */
    private record Batch(float[] probabilities, float[] heatmap, float[] headCt) {
    }

    private Batch run(BlockingQueue<Predictor<NDList, NDList>> pool, float[] tensor, int images, boolean withHeatmap) {
        int size = card.preprocessing().inputSize();
        Predictor<NDList, NDList> predictor = borrow(pool);
        try (NDManager manager = NDManager.newBaseManager(ENGINE)) {
            NDArray input = manager.create(tensor, new Shape(images, size, size, 1));
            input.setName("image");
            NDList output = predictor.predict(new NDList(input));
            float[] probabilities = named(output, "probability").toFloatArray();
            float[] heatmap = withHeatmap ? named(output, "heatmap").toFloatArray() : null;
            NDArray headCt = card.gate() == null ? null : named(output, HEAD_CT);
            return new Batch(probabilities, heatmap, headCt == null ? null : headCt.toFloatArray());
        } catch (TranslateException e) {
            throw new IllegalStateException("the TensorFlow engine failed on a checked input: " + e.getMessage(), e);
        } finally {
            pool.add(predictor);
        }
    }

    private static NDArray named(NDList output, String name) {
        NDArray array = output.get(name);
        if (array == null) {
            throw new IllegalStateException("the model returned no output named " + name);
        }
        return array;
    }

    private static Predictor<NDList, NDList> borrow(BlockingQueue<Predictor<NDList, NDList>> pool) {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free predictor", e);
        }
    }

    @Override
    public void close() {
        predictors.forEach(Predictor::close);
        explainers.forEach(Predictor::close);
        serving.close();
        explaining.close();
    }
}
