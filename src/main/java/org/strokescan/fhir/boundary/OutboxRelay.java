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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.strokescan.fhir.control.OutboxRepository;
import org.strokescan.fhir.control.ReportValidation;

/**
 * Sends what the outbox holds, every {@code strokescan.fhir.relay-interval-ms}: the due messages, each the first
 * pending of its examination, one attempt per transaction. One relay per server; a tick that finds the previous
 * one still running is skipped. Messages survive restarts in the database, so nothing is lost when the server
 * stops mid-delivery: an unacknowledged message is simply sent again, and the bundle's conditional writes make the
 * resend harmless.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final int BATCH = 50;

    @Resource
    TimerService timers;

    @Inject
    EhrSettings settings;

    @Inject
    OutboxRepository outbox;

    @Inject
    DeliveryAttempts attempts;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean warmedUp;

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            LOG.info("event=ehr-delivery.off reason=\"strokescan.fhir.base-url is empty\"");
            return;
        }
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
        } catch (RuntimeException e) {
            LOG.warning(() -> "event=ehr-relay.error error=" + e);
        } finally {
            running.set(false);
        }
    }
}
