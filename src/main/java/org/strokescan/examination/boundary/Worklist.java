package org.strokescan.examination.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.examination.control.ExaminationRepository;
import org.strokescan.examination.entity.WorklistEntry;
import org.strokescan.platform.Role;

/**
 * The department's triage worklist: every study a PACS sent (any clinician may open, review and sign it) and the
 * caller's own uploads, suspected first. Each read is audited with how many studies it showed, since it names
 * patients.
 */
@Stateless
@RolesAllowed(Role.CLINICIAN_NAME)
public class Worklist {

    /** More than a department reads in one look; older studies are found in the history. */
    static final int MAX_ENTRIES = 500;

    @Inject
    ExaminationRepository repository;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "strokescan.worklist.days")
    int days;

    @Resource
    SessionContext session;

    public List<WorklistEntry> entries() {
        List<WorklistEntry> entries = repository.worklist(session.getCallerPrincipal().getName(),
                Instant.now().minus(Duration.ofDays(days)), MAX_ENTRIES);
        long suspected = entries.stream().filter(WorklistEntry::suspected).count();
        audit.record(AuditEntry.success(AuditAction.WORKLIST_VIEWED, "worklist").withDetail(entries.size()
                + " studies of the last " + days + " days, " + suspected + " suspected"));
        return entries;
    }

    /** How many days back the worklist reaches ({@code strokescan.worklist.days}). */
    public int days() {
        return days;
    }
}
