package org.strokescan.inference.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.ModelRegistry;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.Explanation;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ModelStatus;

/**
 * The active model of this server: located, verified, loaded and warmed up in the background at startup, so the
 * application is up at once and {@code /health/ready} says "loading" until it can classify. A missing or corrupt
 * model leaves a readable reason instead of a stack trace; the server keeps running.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Models {

    private static final Logger LOG = Logger.getLogger(Models.class.getName());

    @Inject
    @ConfigProperty(name = "strokescan.model.active")
    String active;

    @Inject
    @ConfigProperty(name = "strokescan.model.dir")
    Optional<String> modelsFolder;

    @Inject
    @ConfigProperty(name = "strokescan.data-dir")
    String dataDirectory;

    @Inject
    @ConfigProperty(name = "strokescan.inference.pool-size")
    int poolSize;

    @Inject
    @ConfigProperty(name = "strokescan.inference.max-batch")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "strokescan.upload.max-bytes")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "strokescan.upload.max-pixels")
    long maxPixels;

    @Resource
    ManagedExecutorService executor;

    @Inject
    MetricRegistry registry;

    private volatile StrokeModel model;
    private volatile ImageClassifier classifier;
    private volatile ModelStatus status;

    @PostConstruct
    void start() {
        status = ModelStatus.loading(active);
        executor.submit(this::load);
    }

    private void load() {
        try {
            Path folder = ModelRegistry.locate(active, modelsFolder.filter(s -> !s.isBlank()).map(Path::of),
                    Path.of(dataDirectory));
            StrokeModel loaded = StrokeModel.load(folder, poolSize);
            model = loaded;
            ImageClassifier created = new ImageClassifier(new ImageIntake(maxBytes, maxPixels), loaded, maxBatch);
            Classifier.measureBatches(created, registry);
            classifier = created;
            ModelCard card = loaded.card();
            status = ModelStatus.ready(card, loaded.checksum(), loaded.device(), poolSize);
            LOG.info(() -> "Model " + card.id() + " (sha256 " + loaded.checksum() + ") ready on " + loaded.device()
                    + " with " + poolSize + " predictors, "
                    + (maxBatch == 1 ? "one image" : "up to " + maxBatch + " images") + " per engine call, from " + folder);
        } catch (RuntimeException | LinkageError e) {
            status = ModelStatus.failed(active, e.getMessage());
            LOG.log(Level.SEVERE, "Model " + active + " is not available: " + e.getMessage(), e);
        }
    }

    public ModelStatus status() {
        return status;
    }

    /** The classifier of the active model, or empty while it loads or when it failed (see {@link #status()}). */
    public Optional<ImageClassifier> classifier() {
        return Optional.ofNullable(classifier);
    }

    /**
     * The heat-map overlay of an image by the active model, or empty while no model is ready. Whoever calls it has
     * checked that the caller may see the image (another component's boundary: auditors' reads go through here).
     */
    public Optional<Explanation> explain(byte[] content) {
        return classifier().map(c -> c.explain(content));
    }

    @PreDestroy
    void stop() {
        if (model != null) {
            model.close();
        }
    }
}
