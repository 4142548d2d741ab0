package org.strokescan.cds.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import org.strokescan.cds.control.CdsRepository;
import org.strokescan.cds.entity.FeedbackSummary;
import org.strokescan.platform.Role;

/** For auditors: the cards StrokeScan put on EHR screens in a period, and what the EHRs' users did with them. */
@Stateless
@RolesAllowed(Role.AUDITOR_NAME)
public class CardFeedbackReports {

    @Inject
    CdsRepository repository;

    /** Null bounds are open: since the first card, until now. */
    public FeedbackSummary summary(Instant from, Instant to) {
        return repository.summary(from == null ? Instant.EPOCH : from, to == null ? Instant.now() : to);
    }
}
