package org.strokescan.fhir.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import org.strokescan.examination.boundary.ExaminationReads;
import org.strokescan.fhir.control.OutboxRepository;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.platform.Role;

/** Where the EHR report of an examination stands, for showing it next to the result: clinicians their own, auditors any. */
@Stateless
@RolesAllowed(Role.CLINICIAN_NAME)
public class ReportStates {

    @Inject
    EhrSettings settings;

    @Inject
    ExaminationReads examinations;

    @Inject
    OutboxRepository outbox;

    @Resource
    SessionContext session;

    @RolesAllowed({Role.CLINICIAN_NAME, Role.AUDITOR_NAME})
    public boolean deliveryEnabled() {
        return settings.enabled();
    }

    /** The state of the latest report of the examination; empty when none was queued or it is not the caller's. */
    public Optional<DeliveryState> latest(String examinationId) {
        return examinations.reachable(examinationId, session.getCallerPrincipal().getName())
                .flatMap(e -> outbox.latest(e.id())).map(OutboxMessage::state);
    }

    /** The same for any examination, for auditors. */
    @RolesAllowed(Role.AUDITOR_NAME)
    public Optional<DeliveryState> latestOfAny(String examinationId) {
        return outbox.latest(examinationId).map(OutboxMessage::state);
    }
}
