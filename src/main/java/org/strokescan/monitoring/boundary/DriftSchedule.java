package org.strokescan.monitoring.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.monitoring.entity.DriftReport;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.ScheduledRuns;

/**
 * The daily drift check at {@code strokescan.drift.hour} (server time), run as the system; -1 switches it off. In a
 * cluster one node checks for all each day ({@link ScheduledRuns}).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class DriftSchedule {

    private static final Logger LOG = Logger.getLogger(DriftSchedule.class.getName());

    @Resource
    TimerService timers;

    @Inject
    DatabaseMigration migration;

    @Inject
    DriftChecks checks;

    @Inject
    AuditTrail audit;

    @Inject
    ScheduledRuns runs;

    @Inject
    @ConfigProperty(name = "strokescan.drift.hour")
    int hour;

    @PostConstruct
    void start() {
        if (hour < 0) {
            LOG.info("event=drift.daily.off strokescan.drift.hour is negative: no daily drift check");
            return;
        }
        if (hour > 23) {
            LOG.warning(() -> "event=drift.daily.off strokescan.drift.hour must be 0-23 or -1, got " + hour);
            return;
        }
        timers.createCalendarTimer(new ScheduleExpression().hour(hour).minute(0).second(0),
                new TimerConfig("drift-check", false));
    }

    @Timeout
    void daily() {
        if (!migration.isReady()) {
            return;
        }
        try {
            if (!runs.claim("drift-check", LocalDate.now().toString())) {
                LOG.fine("event=drift.daily.skipped another node checks today");
                return;
            }
            DriftReport report = checks.check("daily", entry -> audit.recordSystem("drift", entry));
            LOG.info(() -> "event=drift.checked model=" + report.model() + " alarm=" + report.alarm()
                    + (report.alarm() ? " metrics=" + report.alarms() : ""));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=drift.check.failed " + e, e);
        }
    }
}
