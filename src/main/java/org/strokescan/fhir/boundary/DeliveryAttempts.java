package org.strokescan.fhir.boundary;

import ca.uhn.fhir.context.FhirContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.hl7.fhir.r4.model.Bundle;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.fhir.control.EhrClient;
import org.strokescan.fhir.control.OutboxRepository;
import org.strokescan.fhir.control.ReportValidation;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.platform.Metrics;

/**
 * One delivery attempt of one outbox message, in a transaction of its own: the message row is locked (skipped when
 * another node's relay holds it), the bundle validated (first attempt only; it never changes) and sent, and the
 * outcome written with it. Called by the relay only.
 */
@Stateless
@PermitAll
public class DeliveryAttempts {

    static final String COMPONENT = "ehr-relay";
    private static final Logger LOG = Logger.getLogger(DeliveryAttempts.class.getName());
    static final Metadata FAILURES = Metrics.described("strokescan_outbox_failures",
            "EHR deliveries that failed, by outcome: retry (attempt failed, sent again later), parked (gave up: the "
                    + "admin page lists it), invalid (bundle fails validation, never sent)");

    @Inject
    OutboxRepository outbox;

    @Inject
    EhrSettings settings;

    @Inject
    AuditTrail audit;

    @Inject
    MetricRegistry registry;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attempt(String messageId) {
        OutboxMessage message = outbox.lockUnlessTaken(messageId).orElse(null);
        Instant now = Instant.now();
        if (message == null || message.state() != DeliveryState.PENDING || message.nextAttemptAt().isAfter(now)) {
            return; // another node's relay is sending it, or it was taken care of meanwhile
        }
        String subject = AuditSubject.patient(message.patientId());
        if (message.attempts() == 0) {
            List<String> errors = ReportValidation.get().errors(
                    FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, message.bundle()));
            if (!errors.isEmpty() && settings.strictValidation()) {
                message.refuse("not sent, the bundle fails validation: " + String.join("; ", errors));
                audit.recordSystem(COMPONENT, new AuditEntry(AuditAction.REPORT_FAILED, subject, AuditOutcome.FAILURE,
                        "report " + message.id() + " " + message.kind() + "; invalid bundle, not sent"));
                failed("invalid");
                return;
            }
            if (!errors.isEmpty()) {
                LOG.warning(() -> "event=report.invalid message=" + message.id() + " errors=" + errors);
            }
        }
        try {
            String remoteIds = settings.client().send(message.bundle());
            message.delivered(Instant.now(), remoteIds);
            LOG.info(() -> "event=report.sent message=" + message.id() + " attempts=" + message.attempts()
                    + " latencyMs=" + Duration.between(message.createdAt(), message.sentAt()).toMillis());
            audit.recordSystem(COMPONENT, AuditEntry.success(AuditAction.REPORT_SENT, subject).withDetail("report "
                    + message.id() + " " + message.kind() + "; attempt " + message.attempts()));
        } catch (EhrClient.DeliveryFailure e) {
            Duration retryIn = e.retryable() ? settings.backoff().after(message.attempts() + 1, ThreadLocalRandom.current()) : null;
            message.attemptFailed(Instant.now(), e.getMessage(), retryIn);
            LOG.warning(() -> "event=report.attempt-failed message=" + message.id() + " attempts=" + message.attempts()
                    + " retryInMs=" + (retryIn == null ? "never" : retryIn.toMillis()) + " error=" + e.getMessage());
            failed(message.state() == DeliveryState.FAILED ? "parked" : "retry");
            if (message.state() == DeliveryState.FAILED) {
                audit.recordSystem(COMPONENT, new AuditEntry(AuditAction.REPORT_FAILED, subject, AuditOutcome.FAILURE,
                        "report " + message.id() + " " + message.kind() + "; parked after " + message.attempts()
                                + " attempts: " + e.getMessage()));
            }
        }
    }

    private void failed(String outcome) {
        Metrics.update(registry, r -> r.counter(FAILURES, new Tag("outcome", outcome)).inc());
    }
}
