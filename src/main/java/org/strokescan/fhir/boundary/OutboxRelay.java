package org.strokescan.fhir.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.strokescan.fhir.control.OutboxRepository;
import org.strokescan.fhir.control.ReportValidation;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.platform.Metrics;

/**
 * Sends what the outbox holds, every {@code strokescan.fhir.relay-interval-ms}: the due messages, each the first
 * pending of its examination, one attempt per transaction. One relay per server; a tick that finds the previous
 * one still running is skipped. In a cluster every node's relay runs: each takes a message only if no other holds
 * it ({@link OutboxRepository#lockUnlessTaken}), so they share the work and never send one message at once.
 * Messages survive restarts in the database, so nothing is lost when the server stops mid-delivery: an
 * unacknowledged message is simply sent again, and the bundle's conditional writes make the resend harmless.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final int BATCH = 50;
    /** How often the relay counts the outbox for its gauges (they are read at every scrape). */
    private static final Duration COUNT_EVERY = Duration.ofSeconds(10);
    static final Metadata BACKLOG = Metrics.described("strokescan_outbox_backlog",
            "Reports waiting to be delivered to the EHR (pending); counted by the relay every 10 s while delivery is on");
    static final Metadata PARKED = Metrics.described("strokescan_outbox_parked",
            "Reports the relay gave up on (failed, listed on the admin page); counted with the backlog");
    static final Metadata OLDEST = Metadata.builder().withName("strokescan_outbox_oldest_pending")
            .withDescription("Age of the oldest pending report, 0 when none; counted with the backlog")
            .withUnit(MetricUnits.SECONDS).build();

    @Resource
    TimerService timers;

    @Inject
    EhrSettings settings;

    @Inject
    OutboxRepository outbox;

    @Inject
    DeliveryAttempts attempts;

    @Inject
    MetricRegistry registry;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean warmedUp;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private Instant counted = Instant.EPOCH;

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            LOG.info("event=ehr-delivery.off reason=\"strokescan.fhir.base-url is empty\"");
            return;
        }
        Metrics.update(registry, r -> {
            r.gauge(BACKLOG, backlog::get);
            r.gauge(PARKED, parked::get);
            r.gauge(OLDEST, oldestSeconds::get);
        });
        long interval = settings.relayInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("ehr-relay", false));
        warmedUp = false;
        LOG.info(() -> "event=ehr-delivery.on baseUrl=" + settings.baseUrl() + " intervalMs=" + interval);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!warmedUp) {
                // the first tick, seconds after startup: build the validator before the first report needs it
                ReportValidation.get().warmUp();
                warmedUp = true;
            }
            List<String> due;
            do {
                due = outbox.due(Instant.now(), BATCH);
                due.forEach(attempts::attempt);
            } while (due.size() == BATCH);
            count();
        } catch (RuntimeException e) {
            LOG.warning(() -> "event=ehr-relay.error error=" + e);
        } finally {
            running.set(false);
        }
    }

    /** The gauges' values, at most every {@link #COUNT_EVERY}; a failure leaves the last ones. */
    private void count() {
        Instant now = Instant.now();
        if (Duration.between(counted, now).compareTo(COUNT_EVERY) < 0) {
            return;
        }
        counted = now;
        try {
            backlog.set(outbox.count(DeliveryState.PENDING));
            parked.set(outbox.count(DeliveryState.FAILED));
            oldestSeconds.set(outbox.oldestPending().map(oldest -> Duration.between(oldest, now).toSeconds()).orElse(0L));
        } catch (RuntimeException e) {
            LOG.fine(() -> "event=ehr-relay.count-failed error=" + e);
        }
    }
}
