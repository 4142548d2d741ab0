package org.strokescan.modelops.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.strokescan.examination.entity.PredictionStored;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.entity.Classification;
import org.strokescan.modelops.entity.ShadowInput;
import org.strokescan.platform.Metrics;

/**
 * Runs the shadow model on every image the active model classified, off the request path: once the prediction is
 * committed, the image goes to a worker thread, and the clinician's request has already been answered. When more
 * than {@code strokescan.model.shadow-queue} images wait, further ones are skipped (and counted) rather than queued
 * without bound: the shadow must never slow the active model down for long.
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
    ManagedExecutorService executor;

    @Inject
    MetricRegistry registry;

    private final AtomicInteger waiting = new AtomicInteger();

    void classified(@Observes(during = TransactionPhase.AFTER_SUCCESS) PredictionStored stored) {
        Optional<String> shadow = models.shadowTarget();
        if (shadow.isEmpty() || shadow.get().equals(stored.modelId())) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            skipped();
            return;
        }
        ShadowInput input = new ShadowInput(stored.predictionId(), stored.examinationId(), stored.modelId(),
                stored.probability(), stored.positive());
        try {
            executor.submit(() -> run(input, stored.content()));
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            skipped();
        }
    }

    private void run(ShadowInput input, byte[] content) {
        try {
            long start = System.nanoTime();
            Optional<String> shadow = models.shadowStatus().filter(s -> s.ready()).map(s -> s.id());
            Optional<Classification> result = models.classifyInShadow(content);
            if (shadow.isPresent() && result.isPresent() && !shadow.get().equals(input.activeModel())) {
                results.store(input, shadow.get(), result.get(), System.nanoTime() - start);
                String outcome = result.get() instanceof Classification.Classified ? "classified" : "refused";
                Metrics.update(registry, r -> r.counter(SHADOW_RESULTS, new Tag("model", shadow.get()),
                        new Tag("outcome", outcome)).inc());
            }
        } catch (RuntimeException e) {
            // a shadow's failure is the shadow's: logged, never the clinician's problem
            LOG.log(Level.WARNING, "The shadow model could not classify prediction " + input.predictionId() + ": "
                    + e.getMessage(), e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void skipped() {
        Metrics.update(registry, r -> r.counter(SHADOW_SKIPPED).inc());
    }
}
