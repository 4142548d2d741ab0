package org.strokescan.fhir.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.fhir.control.OutboxRepository;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.platform.Role;

/** The delivery queue for administrators: what is pending, sent or failed, and retrying or cancelling a message. */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class Deliveries {

    @Inject
    OutboxRepository outbox;

    @Inject
    EhrSettings settings;

    @Inject
    AuditTrail audit;

    /**
     * One page of the queue, recorded as a read (the rows name patients): which state, which rows. Counts show
     * no patient and are not recorded.
     *
     * @param state null for every state
     */
    public List<OutboxMessage> search(DeliveryState state, int first, int max) {
        List<OutboxMessage> page = outbox.search(state, first, max);
        audit.record(AuditEntry.success(AuditAction.DELIVERIES_LISTED, "delivery queue")
                .withDetail("rows " + first + "+" + page.size() + ", state " + (state == null ? "any" : state)));
        return page;
    }

    public long count(DeliveryState state) {
        return outbox.count(state);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public String baseUrl() {
        return settings.baseUrl();
    }

    /** Sends a failed or cancelled message again at the next relay tick, with a fresh set of attempts. */
    public void retry(String id) {
        OutboxMessage message = find(id);
        if (outbox.newerDelivered(message)) {
            // sending it now would turn the EHR's report back to an older state
            throw new DeliveryRefused("The EHR already has a newer report of this examination.", false);
        }
        try {
            message.retry(Instant.now());
        } catch (IllegalStateException e) {
            throw new DeliveryRefused(e.getMessage(), false);
        }
        audit.record(AuditEntry.success(AuditAction.DELIVERY_RETRIED, AuditSubject.patient(message.patientId()))
                .withDetail("report " + id + " " + message.kind()));
    }

    public void cancel(String id) {
        OutboxMessage message = find(id);
        try {
            message.cancel();
        } catch (IllegalStateException e) {
            throw new DeliveryRefused(e.getMessage(), false);
        }
        audit.record(AuditEntry.success(AuditAction.DELIVERY_CANCELLED, AuditSubject.patient(message.patientId()))
                .withDetail("report " + id + " " + message.kind()));
    }

    private OutboxMessage find(String id) {
        return outbox.lock(id).orElseThrow(() -> new DeliveryRefused("No report message " + id + " exists.", true));
    }
}
