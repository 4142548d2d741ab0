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
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.examination.entity.PredictionStored;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.entity.Classification;
import org.strokescan.modelops.entity.ShadowInput;

/**
 * Runs the shadow model on every image the active model classified, off the request path: once the prediction is
 * committed, the image goes to a worker thread, and the clinician's request has already been answered. When more
 * than {@code strokescan.model.shadow-queue} images wait, further ones are skipped (and counted) rather than queued
 * without bound: the shadow must never slow the active model down for long.
 */
@ApplicationScoped
public class ShadowRuns {

    private static final Logger LOG = Logger.getLogger(ShadowRuns.class.getName());

    @Inject
    Models models;

    @Inject
    ShadowResults results;

    @Inject
    @ConfigProperty(name = "strokescan.model.shadow-queue")
    int maxWaiting;

    @Resource
    ManagedExecutorService executor;

    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder skipped = new LongAdder();

    void classified(@Observes(during = TransactionPhase.AFTER_SUCCESS) PredictionStored stored) {
        Optional<String> shadow = models.shadowTarget();
        if (shadow.isEmpty() || shadow.get().equals(stored.modelId())) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            skipped.increment();
            return;
        }
        ShadowInput input = new ShadowInput(stored.predictionId(), stored.examinationId(), stored.modelId(),
                stored.probability(), stored.positive());
        try {
            executor.submit(() -> run(input, stored.content()));
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            skipped.increment();
        }
    }

    private void run(ShadowInput input, byte[] content) {
        try {
            long start = System.nanoTime();
            Optional<String> shadow = models.shadowStatus().filter(s -> s.ready()).map(s -> s.id());
            Optional<Classification> result = models.classifyInShadow(content);
            if (shadow.isPresent() && result.isPresent() && !shadow.get().equals(input.activeModel())) {
                results.store(input, shadow.get(), result.get(), System.nanoTime() - start);
            }
        } catch (RuntimeException e) {
            // a shadow's failure is the shadow's: logged, never the clinician's problem
            LOG.log(Level.WARNING, "The shadow model could not classify prediction " + input.predictionId() + ": "
                    + e.getMessage(), e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Images skipped since start because too many waited for the shadow. */
    public long skipped() {
        return skipped.sum();
    }
}
