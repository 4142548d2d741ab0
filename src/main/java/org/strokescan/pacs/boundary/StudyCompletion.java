package org.strokescan.pacs.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides when a study from the PACS is complete: once no instance of it arrived for
 * {@code strokescan.pacs.quiet-seconds} (a PACS sends a study in one or several requests and never says "that was
 * all"). Looks every second, claims each due study and hands it to a managed worker thread, so request threads only
 * ever store.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StudyCompletion {

    private static final Logger LOG = Logger.getLogger(StudyCompletion.class.getName());
    private static final Duration PERIOD = Duration.ofSeconds(1);
    /** Studies taken per look; the rest wait a second. */
    private static final int BATCH = 20;
    /**
     * How long a node's claim on a study holds without progress before another node may take the study (its node
     * died): renewed each second while the study waits for a worker here, and by each classified slice.
     */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

    @Inject
    StudyClassification classification;

    @Inject
    @ConfigProperty(name = "strokescan.pacs.quiet-seconds")
    int quietSeconds;

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService workers;

    /** Studies this node claimed and has not finished: queued for a worker or being classified. */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        int requeued = classification.requeueInterrupted();
        if (requeued > 0) {
            LOG.info("event=pacs.requeued studies=" + requeued + " (their classification was interrupted)");
        }
        timers.createIntervalTimer(PERIOD.toMillis(), PERIOD.toMillis(), new TimerConfig("pacs study completion", false));
    }

    @Timeout
    void look() {
        Instant quietSince = Instant.now().minusSeconds(quietSeconds);
        List<String> due;
        try {
            // a study waiting in this node's queue shows no progress of its own: its claim is kept fresh here
            if (!inHand.isEmpty()) {
                classification.renew(Set.copyOf(inHand));
            }
            int abandoned = classification.requeueAbandoned(Instant.now().minus(CLAIM_LEASE));
            if (abandoned > 0) {
                LOG.info("event=pacs.requeued studies=" + abandoned + " (their node stopped classifying them)");
            }
            due = classification.due(quietSince, BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=pacs.look-failed", e); // the database away: the next look tries again
            return;
        }
        for (String examinationId : due) {
            if (classification.claim(examinationId, quietSince)) {
                inHand.add(examinationId);
                try {
                    workers.submit(() -> {
                        try {
                            classification.classify(examinationId, quietSince);
                        } catch (RuntimeException e) {
                            LOG.log(Level.SEVERE, "event=pacs.classify-failed examination=" + examinationId, e);
                            classification.retryLater(examinationId, "classification failed: " + e.getMessage());
                        } finally {
                            inHand.remove(examinationId);
                        }
                    });
                } catch (RuntimeException rejected) { // the executor is shutting down or full: not stuck claimed
                    inHand.remove(examinationId);
                    LOG.log(Level.WARNING, "event=pacs.submit-failed examination=" + examinationId, rejected);
                    classification.retryLater(examinationId, "not taken by a worker: " + rejected.getMessage());
                }
            }
        }
    }

    public int quietSeconds() {
        return quietSeconds;
    }
}
