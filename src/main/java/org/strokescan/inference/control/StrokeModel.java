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

    private final ModelCard card;
    private final String checksum;
    private final String device;
    private final ZooModel<NDList, NDList> serving;
    private final ZooModel<NDList, NDList> explaining;
    private final BlockingQueue<Predictor<NDList, NDList>> predictors;
    private final BlockingQueue<Predictor<NDList, NDList>> explainers;

    /** A probability and, where asked for, the Grad-CAM map ({@code size × size}, in [0, 1]). */
    public record Output(float probability, float[] heatmap) {
    }

    private StrokeModel(ModelCard card, ZooModel<NDList, NDList> serving, ZooModel<NDList, NDList> explaining,
                        int poolSize) {
        this.card = card;
        this.checksum = card.checksum();
        this.serving = serving;
        this.explaining = explaining;
        Device runsOn = serving.getNDManager().getDevice();
        this.device = runsOn.isGpu() ? "gpu(" + runsOn.getDeviceId() + ")" : "cpu";
        this.predictors = new ArrayBlockingQueue<>(poolSize);
        this.explainers = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            predictors.add(serving.newPredictor());
            explainers.add(explaining.newPredictor());
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
        ZooModel<NDList, NDList> serving = null;
        try {
            serving = open(folder, "serving_default");
            StrokeModel model = new StrokeModel(card, serving, open(folder, "explain"), poolSize);
            int size = card.preprocessing().inputSize();
            PreparedImage blank = new PreparedImage(new float[size * size], size, 0, 0, size, size);
            // warm both signatures, so the first real request pays no graph setup
            model.probability(blank);
            model.explain(blank);
            return model;
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            if (serving != null) {
                serving.close();
            }
            if (e instanceof ModelUnavailableException unavailable) {
                throw unavailable;
            }
            throw new ModelUnavailableException("model " + card.id() + " could not be loaded by the TensorFlow engine: "
                    + e.getMessage(), e);
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

    public float probability(PreparedImage image) {
        return run(predictors, image, false).probability();
    }

    public Output explain(PreparedImage image) {
        return run(explainers, image, true);
    }

    private Output run(BlockingQueue<Predictor<NDList, NDList>> pool, PreparedImage image, boolean withHeatmap) {
        int size = card.preprocessing().inputSize();
        float[] tensor = image.tensor();
        if (image.size() != size || tensor.length != size * size) {
            throw new IllegalArgumentException("model " + card.id() + " takes " + size + "×" + size + " inputs, got "
                    + image.size() + "×" + image.size());
        }
        Predictor<NDList, NDList> predictor = borrow(pool);
        try (NDManager manager = NDManager.newBaseManager(ENGINE)) {
            NDArray input = manager.create(tensor, new Shape(1, size, size, 1));
            input.setName("image");
            NDList output = predictor.predict(new NDList(input));
            float probability = named(output, "probability").toFloatArray()[0];
            float[] heatmap = withHeatmap ? named(output, "heatmap").toFloatArray() : null;
            return new Output(probability, heatmap);
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
