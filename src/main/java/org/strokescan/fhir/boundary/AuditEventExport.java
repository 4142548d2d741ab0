package org.strokescan.fhir.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditQuery;
import org.strokescan.audit.entity.ChainLink;
import org.strokescan.fhir.control.AuditEventMapper;
import org.strokescan.platform.Role;

/** The audit trail of a period as FHIR R4 AuditEvent resources, one JSON object per line (NDJSON). */
@Stateless
public class AuditEventExport {

    private static final int PAGE = 500;

    @Inject
    AuditTrail audit;

    @RolesAllowed(Role.AUDITOR_NAME)
    public String ndjson(Instant from, Instant to) {
        AuditQuery period = new AuditQuery(from, to, null, null, null, null);
        StringBuilder lines = new StringBuilder();
        long count = 0;
        for (int first = 0; ; first += PAGE) {
            List<ChainLink> page = audit.search(period, first, PAGE, "seq", true);
            for (ChainLink link : page) {
                lines.append(AuditEventMapper.toNdjsonLine(link)).append('\n');
            }
            count += page.size();
            if (page.size() < PAGE) {
                break;
            }
        }
        audit.exported("FHIR AuditEvent NDJSON", period, count);
        return lines.toString();
    }
}
