package org.strokescan.examination.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.examination.control.PredictionRepository;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionQuery;
import org.strokescan.security.entity.Role;

/** Every clinician's predictions, read-only, for auditors: filtered, sorted and paged in the database. */
@Stateless
@RolesAllowed(Role.AUDITOR_NAME)
public class PredictionHistory {

    @Inject
    PredictionRepository repository;

    @Inject
    AuditTrail audit;

    public List<Prediction> search(PredictionQuery query, int first, int max, String sortField, boolean ascending) {
        return repository.search(query, first, Math.min(max, 500), sortField, ascending);
    }

    public long count(PredictionQuery query) {
        return repository.count(query);
    }

    /** Recorded before the file is written: which rows left the system, in which format. */
    public void exported(String format, PredictionQuery query, long rows) {
        audit.record(AuditEntry.success(AuditAction.AUDIT_EXPORTED, "prediction history")
                .withDetail("format=" + format + " rows=" + rows + " filter: " + query));
    }
}
