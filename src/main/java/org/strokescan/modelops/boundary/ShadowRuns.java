package org.strokescan.modelops.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.strokescan.examination.entity.PredictionStored;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.ModelResult;
import org.strokescan.modelops.entity.ShadowInput;
import org.strokescan.platform.Metrics;

/**
 * Runs the shadow model on every image the active model classified, off the request path: once the prediction is
 * committed, the image goes to this bean's one worker thread, and the clinician's request has already been answered.
 * When more than {@code strokescan.model.shadow-queue} images (or 64 MiB of them) wait, further ones are skipped (and
 * counted) rather than queued without bound: the shadow must never slow the active model down for long.
 */
@ApplicationScoped
public class ShadowRuns {

    private static final Logger LOG = Logger.getLogger(ShadowRuns.class.getName());
    static final Metadata SHADOW_RESULTS = Metrics.described("strokescan_shadow_results",
            "Images the shadow model classified (outcome classified or refused), by shadow model");
    static final Metadata SHADOW_SKIPPED = Metrics.described("strokescan_shadow_skipped",
            "Images not given to the shadow model because too many waited for it");

    @Inject
    Models models;

    @Inject
    ShadowResults results;

    @Inject
    @ConfigProperty(name = "strokescan.model.shadow-queue")
    int maxWaiting;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MetricRegistry registry;

    /** The most bytes of images waiting for the shadow, whatever their number. */
    private static final long MAX_WAITING_BYTES = 64L << 20;

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong waitingBytes = new AtomicLong();
    private ExecutorService worker;

    @PostConstruct
    void start() {
        // its own thread: shadow work waiting for the shadow's one predictor must not hold the server's shared
        // executor (model loading and the webhook use it)
        worker = Executors.newSingleThreadExecutor(threads);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    void classified(@Observes(during = TransactionPhase.AFTER_SUCCESS) PredictionStored stored) {
        Optional<String> shadow = models.shadowTarget();
        if (shadow.isEmpty() || shadow.get().equals(stored.modelId())) {
            return;
        }
        long size = stored.content().length;
        if (waiting.incrementAndGet() > maxWaiting || waitingBytes.addAndGet(size) > MAX_WAITING_BYTES) {
            waiting.decrementAndGet();
            waitingBytes.addAndGet(-size);
            skipped();
            return;
        }
        ShadowInput input = new ShadowInput(stored.predictionId(), stored.examinationId(), stored.modelId(),
                stored.probability(), stored.positive());
        try {
            worker.submit(() -> run(input, stored.content()));
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            waitingBytes.addAndGet(-size);
            skipped();
        }
    }

    private void run(ShadowInput input, byte[] content) {
        try {
            long start = System.nanoTime();
            Optional<ModelResult> result = models.classifyInShadow(content);
            if (result.isPresent() && !result.get().modelId().equals(input.activeModel())) {
                String shadow = result.get().modelId();
                results.store(input, shadow, result.get().classification(), System.nanoTime() - start);
                String outcome = result.get().classification() instanceof Classification.Classified ? "classified"
                        : "refused";
                Metrics.update(registry, r -> r.counter(SHADOW_RESULTS, new Tag("model", shadow),
                        new Tag("outcome", outcome)).inc());
            }
        } catch (RuntimeException e) {
            // a shadow's failure is the shadow's: logged, never the clinician's problem
            LOG.log(Level.WARNING, "The shadow model could not classify prediction " + input.predictionId() + ": "
                    + e.getMessage(), e);
        } finally {
            waiting.decrementAndGet();
            waitingBytes.addAndGet(-content.length);
        }
    }

    private void skipped() {
        Metrics.update(registry, r -> r.counter(SHADOW_SKIPPED).inc());
    }
}
