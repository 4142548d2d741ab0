package org.strokescan.monitoring.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.examination.boundary.ExaminationReads;
import org.strokescan.examination.entity.ModelTraffic;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ModelStatus;
import org.strokescan.monitoring.control.DriftCalculation;
import org.strokescan.monitoring.control.DriftReports;
import org.strokescan.monitoring.control.DriftRepository;
import org.strokescan.monitoring.control.DriftWebhook;
import org.strokescan.monitoring.entity.DriftCheck;
import org.strokescan.monitoring.entity.DriftReport;
import org.strokescan.monitoring.entity.DriftThresholds;

/**
 * The work of a drift check, in the caller's transaction: the active model's traffic over the window against its
 * card's reference; stored checks are audited, and one that raises the alarm is posted to the webhook once the
 * transaction committed. The callers check roles ({@link DriftWatch}) or are the system ({@link DriftSchedule}).
 */
@Dependent
class DriftChecks {

    static final int MAX_DAYS = 366;

    @Inject
    ExaminationReads examinations;

    @Inject
    Models models;

    @Inject
    DriftRepository repository;

    @Inject
    @ConfigProperty(name = "strokescan.drift.window-days")
    int windowDays;

    @Inject
    @ConfigProperty(name = "strokescan.drift.psi-threshold")
    double psi;

    @Inject
    @ConfigProperty(name = "strokescan.drift.ks-alpha")
    double ksAlpha;

    @Inject
    @ConfigProperty(name = "strokescan.drift.flagged-tolerance")
    double flaggedTolerance;

    @Inject
    @ConfigProperty(name = "strokescan.drift.refusal-share")
    double refusalShare;

    @Inject
    @ConfigProperty(name = "strokescan.drift.agreement-drop")
    double agreementDrop;

    @Inject
    @ConfigProperty(name = "strokescan.drift.size-distance")
    double sizeDistance;

    @Inject
    @ConfigProperty(name = "strokescan.drift.min-samples")
    int minSamples;

    @Inject
    @ConfigProperty(name = "strokescan.drift.webhook-url")
    Optional<String> webhookUrl;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedExecutorService executor;

    int windowDays() {
        return windowDays;
    }

    /** The report over the last {@code days} days (the configured window when null), computed now, not stored. */
    DriftReport compute(Integer days) {
        int window = days == null ? windowDays : days;
        if (window < 1 || window > MAX_DAYS) {
            throw new IllegalArgumentException("days must lie between 1 and " + MAX_DAYS + ", got " + window);
        }
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(window));
        ModelStatus status = models.status();
        Optional<ModelCard> card = status.card();
        ModelTraffic traffic = card.map(c -> examinations.traffic(c.name(), c.version(), from, now))
                .orElseGet(() -> new ModelTraffic(java.util.List.of(), java.util.List.of(), java.util.Map.of(), 0, 0));
        return DriftCalculation.report(now, from, now, window, status.id(), card.map(ModelCard::reference).orElse(null),
                traffic, thresholds());
    }

    DriftThresholds thresholds() {
        return new DriftThresholds(psi, ksAlpha, flaggedTolerance, refusalShare, agreementDrop, sizeDistance, minSamples);
    }

    /**
     * Computes, stores and audits a check over the configured window ({@code DRIFT_CHECKED}, and {@code DRIFT_ALARM}
     * naming the metrics that crossed their thresholds).
     *
     * @param cause  {@code daily} or who asked
     * @param record writes an audit entry as the caller (or the system)
     */
    DriftReport check(String cause, Consumer<AuditEntry> record) {
        DriftReport report = compute(null);
        String json = DriftReports.toJson(report);
        repository.store(new DriftCheck(Instant.parse(report.checkedAt()), report.model(), report.days(), report.alarm(),
                cause, json));
        String summary = String.format(Locale.ROOT, "model %s; %d days; %s", report.model(), report.days(),
                report.reference() == null ? "no validation reference in the card"
                        : report.alarm() ? "alarms: " + report.alarms() : "no alarm");
        record.accept(AuditEntry.success(AuditAction.DRIFT_CHECKED, "drift watch").withDetail(summary));
        if (report.alarm()) {
            record.accept(new AuditEntry(AuditAction.DRIFT_ALARM, "drift watch", AuditOutcome.FAILURE,
                    "model " + report.model() + ": " + report.alarms()));
            webhookUrl.filter(url -> !url.isBlank()).ifPresent(url -> afterCommit(() -> new DriftWebhook().post(url, json)));
        }
        return report;
    }

    private void afterCommit(Runnable task) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    executor.submit(task);
                }
            }
        });
    }
}
