package org.strokescan.inference.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.strokescan.inference.control.DicomGate;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.ModelRegistry;
import org.strokescan.inference.control.ModelUnavailableException;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.Explanation;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ModelResult;
import org.strokescan.inference.entity.ModelSource;
import org.strokescan.inference.entity.ModelStatus;

/**
 * The models of this server: the active one, which classifies for clinicians, and optionally a shadow, which
 * classifies the same images unseen. Each is located, verified, loaded and warmed up in the background, so the
 * application is up at once and {@code /health/ready} says "loading" until it can classify. Switching to another
 * model keeps the current one serving until the new one is ready; a model that cannot be loaded leaves a readable
 * reason instead of a stack trace, and the server keeps running. Which models to hold is decided elsewhere
 * ({@code strokescan.model.active} at first, then the model operations component).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Models {

    private static final Logger LOG = Logger.getLogger(Models.class.getName());
    /** How long a replaced model stays open for the requests that still hold it (each takes well under a second). */
    private static final long CLOSE_AFTER_SECONDS = 300;

    @Inject
    @ConfigProperty(name = "strokescan.model.active")
    String configured;

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

    @Inject
    @ConfigProperty(name = "strokescan.dicom.modalities")
    String dicomModalities;

    @Inject
    @ConfigProperty(name = "strokescan.dicom.head-keywords")
    String dicomHeadKeywords;

    @Inject
    @ConfigProperty(name = "strokescan.dicom.other-body-part-keywords")
    Optional<String> dicomOtherBodyPartKeywords;

    @Resource
    ManagedExecutorService executor;

    private volatile DicomGate dicomGate;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MetricRegistry registry;

    /** A loaded model with its classifier. */
    private record Held(StrokeModel model, ImageClassifier classifier, ModelStatus status) {
    }

    private final Object switching = new Object();
    private volatile Held active;
    private volatile Held shadow;
    private volatile ModelStatus activeStatus;
    private volatile ModelStatus shadowStatus;
    private volatile String activeTarget;
    private volatile String shadowTarget;

    @PostConstruct
    void start() {
        // nothing is loaded until the model selection says which model is active: after a restart, a model that
        // administrators replaced must not serve, not even for a moment
        activeStatus = ModelStatus.loading(configured);
    }

    /**
     * Makes {@code id} the active model: loaded in the background while the current one goes on serving, then
     * swapped in. Returns at once.
     */
    public void activate(String id) {
        Objects.requireNonNull(id, "id");
        if (!id.equals(activeTarget)) {
            activeTarget = id;
            executor.submit(this::reconcile);
        }
    }

    /** Makes {@code id} the shadow model, or none when empty. Returns at once. */
    public void shadow(Optional<String> id) {
        String target = id.orElse(null);
        if (!Objects.equals(target, shadowTarget)) {
            shadowTarget = target;
            executor.submit(this::reconcile);
        }
    }

    /** The model this server is told to make active (it may still be loading). */
    public String activeTarget() {
        return activeTarget;
    }

    /** The shadow this server is told to hold, if any (it may still be loading). */
    public Optional<String> shadowTarget() {
        return Optional.ofNullable(shadowTarget);
    }

    /** Loads what the targets name and is not loaded yet, one model at a time. */
    private void reconcile() {
        synchronized (switching) {
            String wanted = activeTarget;
            if (wanted != null && (active == null || !active.status().id().equals(wanted))) {
                if (active == null) {
                    activeStatus = ModelStatus.loading(wanted);
                }
                try {
                    Held loaded = load(wanted, poolSize, maxBatch);
                    Classifier.measureBatches(loaded.classifier(), registry);
                    Held replaced = active;
                    active = loaded;
                    activeStatus = loaded.status();
                    closeLater(replaced);
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.SEVERE, "Model " + wanted + " is not available: " + e.getMessage(), e);
                    if (active == null) {
                        activeStatus = ModelStatus.failed(wanted, e.getMessage());
                    }
                }
            }
            String wantedShadow = shadowTarget;
            if (wantedShadow == null) {
                Held replaced = shadow;
                shadow = null;
                shadowStatus = null;
                closeLater(replaced);
            } else if (shadow == null || !shadow.status().id().equals(wantedShadow)) {
                shadowStatus = ModelStatus.loading(wantedShadow);
                try {
                    Held loaded = load(wantedShadow, 1, 1);
                    Held replaced = shadow;
                    shadow = loaded;
                    shadowStatus = loaded.status();
                    closeLater(replaced);
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.SEVERE, "Shadow model " + wantedShadow + " is not available: " + e.getMessage(), e);
                    shadowStatus = ModelStatus.failed(wantedShadow, e.getMessage());
                }
            }
        }
    }

    /**
     * The DICOM gate as configured ({@code strokescan.dicom.*}): the classifiers' and, through {@link DicomFiles}, the
     * PACS receiver's. Public because DicomFiles reaches it through the container's proxy.
     */
    public DicomGate dicomGate() {
        DicomGate gate = dicomGate;
        if (gate == null) {
            gate = DicomGate.configured(key -> switch (key) {
                case DicomGate.MODALITIES -> dicomModalities;
                case DicomGate.HEAD_KEYWORDS -> dicomHeadKeywords;
                default -> dicomOtherBodyPartKeywords.orElse("");
            });
            dicomGate = gate; // built from fixed settings: two threads building it at once build the same
        }
        return gate;
    }

    private Held load(String id, int predictors, int batch) {
        Path folder = ModelRegistry.locate(id, folder(), Path.of(dataDirectory));
        StrokeModel loaded = StrokeModel.load(folder, predictors);
        ImageClassifier classifier = new ImageClassifier(new ImageIntake(maxBytes, maxPixels), dicomGate(), loaded,
                batch);
        ModelCard card = loaded.card();
        LOG.info(() -> "Model " + card.id() + " (sha256 " + loaded.checksum() + ") ready on " + loaded.device()
                + " with " + predictors + " predictors, "
                + (batch == 1 ? "one image" : "up to " + batch + " images") + " per engine call, from " + folder);
        return new Held(loaded, classifier, ModelStatus.ready(card, loaded.checksum(), loaded.device(), predictors));
    }

    private void closeLater(Held replaced) {
        if (replaced != null) {
            scheduler.schedule(() -> replaced.model().close(), CLOSE_AFTER_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Verifies model {@code id} before anyone relies on it: its files against the checksums in its card, the card
     * itself, and a smoke inference through the engine whose outputs must be probabilities. The model is closed
     * again afterwards.
     *
     * @return its card
     * @throws ModelRefusedException naming what is wrong
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ModelCard verify(String id) {
        // under the lock of loading: both unpack the model into the same folder
        synchronized (switching) {
            try {
                Path folder = ModelRegistry.locate(id, folder(), Path.of(dataDirectory));
                try (StrokeModel model = StrokeModel.load(folder, 1)) {
                    model.smokeTest();
                    return model.card();
                }
            } catch (RuntimeException | LinkageError e) {
                // any engine error of a model that is not in use is that model's fault, not the server's
                LOG.log(Level.WARNING, "Model " + id + " failed verification: " + e.getMessage(), e);
                throw new ModelRefusedException("Model " + id + " failed verification: " + e.getMessage());
            }
        }
    }

    /**
     * The card of any available model, read without loading it.
     *
     * @throws ModelRefusedException when there is no such model or its card cannot be read
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ModelCard card(String id) {
        try {
            return ModelRegistry.card(id, folder());
        } catch (ModelUnavailableException e) {
            throw new ModelRefusedException(e.getMessage());
        }
    }

    /**
     * Every model this server could load.
     *
     * @throws ModelRefusedException when the operator's model folder cannot be listed
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<ModelSource> available() {
        try {
            return ModelRegistry.available(folder());
        } catch (ModelUnavailableException e) {
            throw new ModelRefusedException(e.getMessage());
        }
    }

    private Optional<Path> folder() {
        return modelsFolder.filter(s -> !s.isBlank()).map(Path::of);
    }

    /** The active model's state: loading, ready (with its card) or failed (with the reason). */
    public ModelStatus status() {
        return activeStatus;
    }

    /** The shadow model's state, if one is set. */
    public Optional<ModelStatus> shadowStatus() {
        return Optional.ofNullable(shadowStatus);
    }

    /** The classifier of the active model, or empty while it loads or when it failed (see {@link #status()}). */
    public Optional<ImageClassifier> classifier() {
        return Optional.ofNullable(active).map(Held::classifier);
    }

    /**
     * The shadow model's classification of an image, or empty when no shadow is ready. Never shown to clinicians
     * nor sent anywhere: whoever calls it stores it for comparison only.
     */
    public Optional<ModelResult> classifyInShadow(byte[] content) {
        return Optional.ofNullable(shadow).map(held -> new ModelResult(held.status().id(),
                held.classifier().classify(content)));
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
        for (Held held : new Held[] {active, shadow}) {
            if (held != null) {
                held.model().close();
            }
        }
    }
}
