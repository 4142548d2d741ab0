package org.strokescan.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.platform.Metrics;
import org.strokescan.platform.Role;
import org.strokescan.security.control.SignInThrottle;
import org.strokescan.security.control.SignInThrottle.Refusals;

/**
 * This server's sign-in throttle ({@link SignInThrottle}) and what it reports: every
 * {@code strokescan.security.sign-in-report-seconds} one audit record per source address whose sign-ins were
 * refused unchecked, with their count (a flood leaves evidence without a record per attempt), and an alert for
 * administrators when failed sign-ins touch many usernames at once (password spraying, or a flood of made-up names).
 * Only {@link Accounts} asks it about sign-ins.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class SignInGuard {

    private static final Logger LOG = Logger.getLogger(SignInGuard.class.getName());
    static final String COMPONENT = "sign-in";
    static final Metadata LOCKOUTS = Metrics.described("strokescan_lockouts",
            "Usernames made to wait before each further sign-in from an address after repeated failures (SIGN_IN_SLOWED)");

    /** An alert shown to administrators: how many usernames failed within the window, and when it was raised. */
    public record Alert(int usernames, Duration window, Instant raisedAt) {
    }

    @Resource
    TimerService timers;

    @Inject
    AuditTrail audit;

    @Inject
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "strokescan.security.sign-in-failures-per-minute")
    int failuresPerMinute;

    @Inject
    @ConfigProperty(name = "strokescan.security.max-failed-logins")
    int freeFailures;

    @Inject
    @ConfigProperty(name = "strokescan.security.longest-sign-in-wait-minutes")
    int longestWaitMinutes;

    @Inject
    @ConfigProperty(name = "strokescan.security.sign-in-alert-usernames")
    int alertUsernames;

    @Inject
    @ConfigProperty(name = "strokescan.security.sign-in-alert-minutes")
    int alertMinutes;

    @Inject
    @ConfigProperty(name = "strokescan.security.sign-in-report-seconds")
    int reportSeconds;

    private final Clock clock = Clock.systemUTC();
    private SignInThrottle throttle;
    private volatile Alert latestAlert;

    @PostConstruct
    void start() {
        throttle = new SignInThrottle(new SignInThrottle.Settings(failuresPerMinute, freeFailures,
                Duration.ofMinutes(longestWaitMinutes), Duration.ofMinutes(alertMinutes)));
        long period = Duration.ofSeconds(reportSeconds).toMillis();
        timers.createIntervalTimer(period, period, new TimerConfig("sign-in-report", false));
        Metrics.update(registry, r -> r.counter(LOCKOUTS)); // scraped as 0 until the first
    }

    /** How long this sign-in must wait before it can be checked; empty when it may be checked now. */
    public Optional<Duration> waitBefore(String source, String username) {
        return throttle.waitBefore(source, username, clock.instant());
    }

    /**
     * A checked sign-in failed. The failure from which this username must wait when signing in from this source is
     * recorded in the audit trail (within the caller's transaction), once per run of failures.
     */
    public void failed(String source, String username) {
        if (throttle.failed(source, username, clock.instant())) {
            audit.record(AuditEntry.failure(AuditAction.SIGN_IN_SLOWED, username, freeFailures
                    + " failed sign-ins in a row from " + source + "; each further attempt from there waits, 1 s "
                    + "doubling up to " + longestWaitMinutes + " min"));
            Metrics.update(registry, r -> r.counter(LOCKOUTS).inc());
        }
    }

    public void succeeded(String source, String username) {
        throttle.succeeded(source, username);
    }

    /** Lifts every wait of this username on this server (an administrator's decision, recorded by the caller). */
    public void forget(String username) {
        throttle.forget(username);
    }

    /** See {@link SignInThrottle#isSlowed}. */
    public boolean isSlowed(String username) {
        return throttle.isSlowed(username);
    }

    /** See {@link SignInThrottle#slowedUsernames}. */
    public Set<String> slowedUsernames() {
        return throttle.slowedUsernames();
    }

    /** The latest alert of this server, while it is recent (within a day). */
    @RolesAllowed(Role.ADMIN_NAME)
    public Optional<Alert> recentAlert() {
        Alert alert = latestAlert;
        return alert != null && alert.raisedAt().isAfter(clock.instant().minus(Duration.ofDays(1)))
                ? Optional.of(alert) : Optional.empty();
    }

    @Timeout
    void report() {
        Instant now = clock.instant();
        Map<String, Refusals> refused = throttle.drainRefusals();
        refused.forEach((source, refusals) -> {
            audit.recordSystem(COMPONENT, AuditEntry.failure(AuditAction.SIGN_INS_THROTTLED, source,
                    refusals.count() + " sign-ins refused unchecked (" + refusals.usernames() + " usernames) within "
                            + reportSeconds + " s"));
            LOG.warning(() -> "event=sign-in.throttled source=" + source + " refused=" + refusals.count()
                    + " usernames=" + refusals.usernames());
        });
        int failing = throttle.usernamesFailing(now);
        Alert previous = latestAlert;
        boolean quietSincePrevious = previous == null
                || previous.raisedAt().isBefore(now.minus(Duration.ofMinutes(alertMinutes)));
        if (failing >= alertUsernames && quietSincePrevious) {
            Alert alert = new Alert(failing, Duration.ofMinutes(alertMinutes), now);
            latestAlert = alert;
            audit.recordSystem(COMPONENT, AuditEntry.failure(AuditAction.SIGN_IN_ALERT, "sign-in",
                    "failed sign-ins on " + failing + " usernames within " + alertMinutes + " min"));
            LOG.severe(() -> "event=sign-in.alert usernames=" + failing + " windowMinutes=" + alertMinutes);
        }
        throttle.purge(now);
    }
}
