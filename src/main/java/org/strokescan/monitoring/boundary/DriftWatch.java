package org.strokescan.monitoring.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.monitoring.control.DriftReports;
import org.strokescan.monitoring.control.DriftRepository;
import org.strokescan.monitoring.entity.DriftCheck;
import org.strokescan.monitoring.entity.DriftReport;
import org.strokescan.platform.Role;

/** The drift watch for auditors and administrators: the current report, a check now, the stored history. */
@Stateless
@RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
public class DriftWatch {

    /** The longest window a report may cover, in days. */
    public static final int MAX_DAYS = DriftChecks.MAX_DAYS;

    @Inject
    DriftChecks checks;

    @Inject
    DriftRepository repository;

    @Inject
    AuditTrail audit;

    @Resource
    SessionContext session;

    /**
     * The report over the last {@code days} days (the configured window when null), computed now and not stored.
     * {@code days} must lie between 1 and {@link #MAX_DAYS}.
     */
    public DriftReport current(Integer days) {
        return checks.compute(days);
    }

    /** The report as the API and the webhook send it. */
    public String json(DriftReport report) {
        return DriftReports.toJson(report);
    }

    /** A check over the configured window, stored and audited as the caller's. */
    public DriftReport checkNow() {
        return checks.check(session.getCallerPrincipal().getName(), audit::record);
    }

    /** The latest stored check's report, if any. */
    public Optional<DriftReport> latest() {
        return repository.latest().map(check -> DriftReports.fromJson(check.report()));
    }

    /**
     * Whether the latest stored check raised the alarm (the banner: one indexed row). Open to every caller: the banner
     * asks only for auditors and administrators (by the request's roles), and error pages, which show it too, reach
     * EJBs without the caller; a yes or no about the model is no patient's data.
     */
    @PermitAll
    public boolean alarmRaised() {
        return repository.latest().map(DriftCheck::alarm).orElse(false);
    }

    /** The newest {@code max} stored checks, newest first. */
    public List<DriftCheck> history(int max) {
        return repository.recent(Math.max(1, Math.min(max, 500)));
    }

    /** The configured window in days. */
    public int windowDays() {
        return checks.windowDays();
    }
}
