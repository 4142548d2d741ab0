package org.strokescan.cds.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.cds.control.CdsRepository;
import org.strokescan.cds.entity.IssuedCard;
import org.strokescan.cds.entity.LaunchOutcome;
import org.strokescan.cds.entity.LaunchOutcome.Kind;
import org.strokescan.examination.boundary.ExaminationReads;
import org.strokescan.examination.entity.Examination;
import org.strokescan.platform.Role;

/**
 * Opens the study a card's link names, for the user who signed in after following it: the token in the link is
 * opaque (no MRN in the URL), short-lived and opens once. Manual uploads stay private to their clinician, so the link
 * leads a clinician to their own examination and an auditor to the read-only one; anyone else is told whose it is
 * and the link stays valid. Every use is audited.
 */
@Stateless
@RolesAllowed({Role.CLINICIAN_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME})
public class CdsLaunches {

    @Inject
    CdsRepository repository;

    @Inject
    ExaminationReads examinations;

    @Inject
    AuditTrail audit;

    @Resource
    SessionContext session;

    public LaunchOutcome open(String token) {
        Optional<IssuedCard> found = token == null || token.isBlank() ? Optional.empty()
                : repository.cardByLaunchToken(CdsServices.sha256(token));
        if (found.isEmpty()) {
            return refused(Kind.UNKNOWN, null, "no card carries this link");
        }
        IssuedCard card = found.get();
        Examination examination = examinations.examination(card.examinationId()).orElseThrow();
        Instant now = Instant.now();
        if (card.launchedAt() != null) {
            return refused(Kind.USED, examination, "card " + card.uuid() + " was opened before");
        }
        if (!now.isBefore(card.launchExpiresAt())) {
            return refused(Kind.EXPIRED, examination, "card " + card.uuid() + " expired at " + card.launchExpiresAt());
        }
        String caller = session.getCallerPrincipal().getName();
        Kind kind;
        // a study from the PACS is the department's: any clinician may open it, like on the worklist
        if (session.isCallerInRole(Role.CLINICIAN_NAME)
                && (examination.department() || examination.clinician().equals(caller))) {
            kind = Kind.CLINICIAN_PAGE;
        } else if (session.isCallerInRole(Role.AUDITOR_NAME)) {
            kind = Kind.AUDITOR_PAGE;
        } else {
            refused(Kind.NOT_YOURS, examination, "card " + card.uuid() + ": examination " + examination.id()
                    + " is " + examination.clinician() + "'s");
            return new LaunchOutcome(Kind.NOT_YOURS, null, examination.clinician());
        }
        card.launch(caller, now);
        audit.record(AuditEntry.success(AuditAction.CDS_CARD_OPENED, AuditSubject.patient(examination.patientId()))
                .withDetail("card " + card.uuid() + " from " + card.issuer() + " opened examination "
                        + examination.id()));
        return new LaunchOutcome(kind, examination.id(), null);
    }

    private LaunchOutcome refused(Kind kind, Examination examination, String detail) {
        audit.record(AuditEntry.failure(AuditAction.CDS_CARD_OPENED,
                AuditSubject.patient(examination == null ? null : examination.patientId()), detail));
        return LaunchOutcome.refused(kind);
    }
}
