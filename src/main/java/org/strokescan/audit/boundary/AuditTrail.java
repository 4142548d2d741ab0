package org.strokescan.audit.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.strokescan.audit.control.AuditChain;
import org.strokescan.audit.control.AuditRepository;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditCheckpoint;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditHead;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.audit.entity.AuditQuery;
import org.strokescan.audit.entity.AuditRecord;
import org.strokescan.audit.entity.ChainLink;
import org.strokescan.audit.entity.ChainVerification;
import org.strokescan.platform.ClientAddress;
import org.strokescan.platform.Metrics;
import org.strokescan.platform.Role;

/**
 * The one way into the audit trail. {@link #record} and {@link #recordSignIn} join the caller's transaction,
 * so an event is stored exactly when the change it describes is; who (but for a sign-in), which roles, from
 * where (the client a trusted proxy names, see {@link ClientAddress}) and when are taken from the container, not
 * from the caller.
 */
@Stateless
@DeclareRoles({Role.CLINICIAN_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME, Role.INTEGRATION_NAME})
public class AuditTrail {

    /** One chain for all nodes: its head row is locked in the database for each append, across JVMs. */
    static final Metadata HEAD_WAIT = Metrics.seconds("strokescan_audit_head_wait",
            "Time an audit record waited for the chain's head (a database row lock held until the writing transaction"
                    + " ends): the cost of one chain across a cluster's nodes");

    @Inject
    AuditRepository repository;

    @Inject
    MetricRegistry registry;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    Instance<HttpServletRequest> request;

    @Inject
    ClientAddress clientAddress;

    @Resource
    SessionContext session;

    @Inject
    @ConfigProperty(name = "strokescan.audit.retention-days")
    int retentionDays;

    /** Open to every caller: failed sign-ins are recorded before anyone is signed in. */
    @PermitAll
    public void record(AuditEntry entry) {
        append(session.getCallerPrincipal().getName(), actorRoles(), entry);
    }

    /**
     * A successful sign-in: the container does not know the user yet while it is being checked, but the
     * record names them (and their roles) as the one who acted.
     */
    @PermitAll
    public void recordSignIn(String username, Collection<Role> roles, AuditEntry entry) {
        recordFor(username, roles, entry);
    }

    /**
     * An event of a signed-in session that the container no longer vouches for (e.g. a session ended because its
     * account was disabled): the record names the session's user as the one who acted.
     */
    @PermitAll
    public void recordFor(String username, Collection<Role> roles, AuditEntry entry) {
        append(username, roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")), entry);
    }

    /**
     * A request refused for the caller's roles (HTTP 403), with the caller and roles as the web tier knows them:
     * the refusal is seen there, often in the container's error dispatch, outside any EJB call. The path goes in
     * the subject, the method and how it was refused in the detail; never a query string (it may carry anything).
     */
    @PermitAll
    public void recordRefusal(String caller, Collection<Role> roles, String method, String path, String how) {
        append(caller, roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")),
                AuditEntry.failure(AuditAction.ACCESS_DENIED, path, method + " refused: " + how));
    }

    /** What the application does on its own, with nobody signed in (e.g. delivering reports to the EHR). */
    @PermitAll
    public void recordSystem(String component, AuditEntry entry) {
        append("system:" + component, "", entry);
    }

    private void append(String actor, String actorRoles, AuditEntry entry) {
        long waitStart = System.nanoTime();
        AuditHead head = repository.lockHead();
        Duration waited = Duration.ofNanos(System.nanoTime() - waitStart);
        Metrics.update(registry, r -> Metrics.timer(r, HEAD_WAIT).update(waited));
        ChainLink link = AuditChain.next(head.getLastSeq(), head.getLastHash(), Instant.now(), actor, actorRoles,
                remoteAddress(), entry.action().name(), entry.subject(), entry.outcome().name(), entry.detail());
        repository.append(new AuditRecord(link));
        head.advance(link);
    }

    /**
     * Checks every record against the chain and against the checkpoints this server signed (so a chain shortened
     * together with its head row is found too); the check itself is recorded.
     */
    @RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
    public ChainVerification verify() {
        List<AuditCheckpoint> vouched;
        try {
            vouched = checkpoints.signed();
        } catch (IOException e) {
            throw new UncheckedIOException("the audit checkpoint file cannot be read", e);
        }
        AuditHead head = repository.head();
        ChainVerification result;
        try (Stream<AuditRecord> records = repository.upTo(head.getLastSeq())) {
            result = AuditChain.verify(records.map(AuditRecord::link)::iterator, head.getLastSeq(), head.getLastHash(),
                    vouched);
        }
        record(new AuditEntry(AuditAction.AUDIT_VERIFIED, "audit trail",
                result.isIntact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, result.summary()));
        return result;
    }

    @RolesAllowed(Role.AUDITOR_NAME)
    public List<ChainLink> search(AuditQuery query, int first, int pageSize, String sortField,
                                  boolean ascending) {
        return repository.find(query, first, pageSize, sortField, ascending).stream().map(AuditRecord::link).toList();
    }

    @RolesAllowed(Role.AUDITOR_NAME)
    public long count(AuditQuery query) {
        return repository.count(query);
    }

    /**
     * How many records are older than the configured retention period. StrokeScan never deletes them: an operator
     * archives them (FHIR AuditEvent export) under the hospital's policy; the chain stays verifiable either way.
     *
     * @return empty when the period is 0, i.e. records are kept forever
     */
    @RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
    public Optional<Long> olderThanRetention() {
        if (retentionDays <= 0) {
            return Optional.empty();
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(retentionDays));
        return Optional.of(repository.count(new AuditQuery(null, cutoff, null, null, null, null)));
    }

    @PermitAll
    public int retentionDays() {
        return retentionDays;
    }

    /** Exports are audited: what was exported, by whom, with which filter. */
    @RolesAllowed(Role.AUDITOR_NAME)
    public void exported(String format, AuditQuery query, long rows) {
        record(AuditEntry.success(AuditAction.AUDIT_EXPORTED, "audit trail")
                .withDetail(format + " rows=" + rows + " filter=" + query));
    }

    /** A download of the checkpoint file is audited like any export of the trail. */
    @RolesAllowed(Role.AUDITOR_NAME)
    public void checkpointsExported(long lines) {
        record(AuditEntry.success(AuditAction.CHECKPOINTS_EXPORTED, "audit checkpoints").withDetail("lines=" + lines));
    }

    private String actorRoles() {
        return Arrays.stream(Role.values()).map(Role::name).filter(session::isCallerInRole)
                .collect(Collectors.joining(","));
    }

    private String remoteAddress() {
        try {
            return request.isResolvable() ? clientAddress.of(request.get()) : "-";
        } catch (ContextNotActiveException | IllegalStateException notInARequest) {
            return "-"; // startup tasks and timers have no client
        }
    }
}
