package org.strokescan.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.platform.ClusterNode;
import org.strokescan.platform.Role;
import org.strokescan.security.control.AccountStateCache;
import org.strokescan.security.entity.AccountChanged;
import org.strokescan.security.entity.AccountState;
import org.strokescan.security.entity.SignedInSession;

/**
 * The page sessions' check on every request. A page sign-in stores a {@link SignedInSession} in the HTTP session;
 * each later request compares it with the account as it stands now: a disabled account, a changed or reset password
 * or an outlived absolute lifetime ends the session (invalidated and audited), and a session that goes on gets the
 * roles the account holds now, so a removed role is refused at once.
 */
@ApplicationScoped
public class SignedInSessions {

    private static final Logger LOG = Logger.getLogger(SignedInSessions.class.getName());
    static final String SESSION_ATTRIBUTE = "strokescan.signedIn";
    /** Set by the identity store for the request whose credentials it just verified. */
    static final String VERIFIED_ATTRIBUTE = "strokescan.verified";
    /** How long an account read for the check is used; a change made on this server is seen at once anyway. */
    static final Duration ACCOUNT_CHECK_INTERVAL = Duration.ofSeconds(5);
    /** The data grid's topic on which each node names an account that changed, so every node reads it afresh. */
    static final String ACCOUNT_CHANGES = "strokescan.account-changes";

    @Inject
    Accounts accounts;

    @Inject
    AuditTrail audit;

    @Inject
    ClusterNode node;

    @Inject
    @ConfigProperty(name = "strokescan.security.session-max-minutes")
    int sessionMaxMinutes;

    private final Clock clock = Clock.systemUTC();
    private final AccountStateCache cache = new AccountStateCache(ACCOUNT_CHECK_INTERVAL, clock);
    private Optional<UUID> subscription = Optional.empty();

    /** Changes made on other nodes reach this one's memory at once: a disabled account is refused everywhere. */
    @PostConstruct
    void listen() {
        subscription = node.subscribe(ACCOUNT_CHANGES, cache::forget);
    }

    @PreDestroy
    void stopListening() {
        subscription.ifPresent(id -> node.unsubscribe(ACCOUNT_CHANGES, id));
    }

    /** The sign-in of this request, if the identity store verified one. */
    Optional<SignedInSession> verifiedNow(HttpServletRequest request) {
        return request.getAttribute(VERIFIED_ATTRIBUTE) instanceof SignedInSession verified
                ? Optional.of(verified) : Optional.empty();
    }

    void verified(HttpServletRequest request, String username, long sessionGeneration) {
        request.setAttribute(VERIFIED_ATTRIBUTE, new SignedInSession(username, sessionGeneration, clock.instant()));
    }

    /** After a page sign-in: the session remembers who signed in, with which session generation and when. */
    void start(HttpServletRequest request, SignedInSession signedIn) {
        request.getSession().setAttribute(SESSION_ATTRIBUTE, signedIn);
    }

    /** The sign-in this request's session remembers; empty for a request without a signed-in session. */
    Optional<SignedInSession> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof SignedInSession signedIn
                ? Optional.of(signedIn) : Optional.empty();
    }

    /**
     * Checks the session against its account.
     *
     * @return the roles to grant for this request while the session goes on; empty when it has just been ended
     */
    Optional<Set<Role>> check(HttpServletRequest request, SignedInSession signedIn) {
        Optional<AccountState> account = cache.get(signedIn.username(), accounts::sessionState);
        Instant now = clock.instant();
        Optional<String> reason = signedIn.endReason(account, now, Duration.ofMinutes(sessionMaxMinutes));
        if (reason.isEmpty()) {
            return account.map(AccountState::roles);
        }
        end(request, signedIn, account.map(AccountState::roles).orElse(Set.of()), reason.get());
        return Optional.empty();
    }

    private void end(HttpServletRequest request, SignedInSession signedIn, Set<Role> roles, String reason) {
        HttpSession session = request.getSession(false);
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyEnded) {
            return; // a parallel request of the same session ended it and recorded why
        }
        audit.recordFor(signedIn.username(), roles,
                new AuditEntry(AuditAction.SESSION_ENDED, signedIn.username(), AuditOutcome.SUCCESS, reason));
        LOG.info(() -> "event=session.ended reason=" + reason);
    }

    /**
     * After the caller changed their own password: this session goes on with the account's new session generation
     * (under a new id), while the account's other sessions end.
     */
    public void continueAfterPasswordChange(HttpServletRequest request, long sessionGeneration) {
        of(request).ifPresent(signedIn -> {
            request.changeSessionId();
            request.getSession().setAttribute(SESSION_ATTRIBUTE, signedIn.withGeneration(sessionGeneration));
        });
    }

    void accountChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged change) {
        cache.forget(change.username());
        node.publish(ACCOUNT_CHANGES, change.username());
    }
}
