package org.strokescan.fhir.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import org.strokescan.examination.control.ExaminationRepository;
import org.strokescan.fhir.control.OutboxRepository;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.security.entity.Role;

/** Where the EHR report of the clinician's own examination stands, for showing it next to the result. */
@Stateless
@RolesAllowed(Role.CLINICIAN_NAME)
public class ReportStates {

    @Inject
    EhrSettings settings;

    @Inject
    ExaminationRepository examinations;

    @Inject
    OutboxRepository outbox;

    @Resource
    SessionContext session;

    public boolean deliveryEnabled() {
        return settings.enabled();
    }

    /** The state of the latest report of the examination; empty when none was queued or it is not the caller's. */
    public Optional<DeliveryState> latest(String examinationId) {
        return examinations.owned(examinationId, session.getCallerPrincipal().getName(), false)
                .flatMap(e -> outbox.latest(e.id())).map(OutboxMessage::state);
    }
}
