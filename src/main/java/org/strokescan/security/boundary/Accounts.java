package org.strokescan.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.platform.Metrics;
import org.strokescan.platform.Role;
import org.strokescan.security.control.AccountRepository;
import org.strokescan.security.control.PasswordGenerator;
import org.strokescan.security.control.PasswordHasher;
import org.strokescan.security.control.PasswordHashing;
import org.strokescan.security.control.PasswordPolicy;
import org.strokescan.security.control.VerifiedCredentials;
import org.strokescan.security.entity.Account;
import org.strokescan.security.entity.AccountChanged;
import org.strokescan.security.entity.AccountRejection.Reason;
import org.strokescan.security.entity.AccountRejection;
import org.strokescan.security.entity.AccountState;
import org.strokescan.security.entity.AccountSummary;
import org.strokescan.security.entity.IssuedPassword;
import org.strokescan.security.entity.LoginOutcome;
import org.strokescan.security.entity.LoginResult;

/**
 * Everything that reads or changes accounts: login checks, one's own password, and the administration of
 * users and roles. Role checks live here, so they hold whichever page or API calls in.
 */
@Stateless
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());
    /** Concurrent attempts on one account collide on its version; each retry takes milliseconds. */
    private static final int MAX_RECORD_ATTEMPTS = 20;
    static final PasswordPolicy POLICY = PasswordPolicy.withBundledList();
    static final Metadata LOGIN_FAILURES = Metrics.described("strokescan_login_failures",
            "Failed sign-ins (pages and API), by reason: INVALID_CREDENTIALS, THROTTLED, DISABLED, ...");

    @Inject
    AccountRepository repository;

    @Inject
    PasswordHashing hashing;

    @Inject
    LoginAttempts attempts;

    @Inject
    AuditTrail audit;

    @Inject
    Event<AccountChanged> changed;

    @Inject
    SignInGuard guard;

    @Inject
    @ConfigProperty(name = "strokescan.security.issued-password-days")
    int issuedPasswordDays;

    @Resource
    SessionContext session;

    @Inject
    MetricRegistry registry;

    private final Clock clock = Clock.systemUTC();
    private final PasswordGenerator generator = new PasswordGenerator();
    private PasswordHasher hasher;
    private VerifiedCredentials verified;

    @PostConstruct
    void init() {
        hasher = hashing.hasher();
        verified = hashing.verified();
    }

    /**
     * Checks a username and password, unless sign-ins from this source or of this username from there must wait
     * ({@link SignInGuard}): then nothing is hashed and the outcome says how long. Runs without a transaction: the
     * slow hash check holds no lock, and the outcome is recorded by {@link LoginAttempts}.
     *
     * @param source the client's address ({@link org.strokescan.platform.ClientAddress})
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public LoginResult authenticate(String username, String password, String source) {
        return authenticate(username, password, source, false);
    }

    private LoginResult authenticate(String username, String password, String source, boolean api) {
        if (username == null || password == null || username.length() > Account.USERNAME_MAX
                || password.length() > PasswordPolicy.MAX_LENGTH * 2) {
            return LoginResult.failed(LoginOutcome.INVALID_CREDENTIALS);
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        Optional<Duration> wait = guard.waitBefore(source, name);
        if (wait.isPresent()) {
            // counted by the guard and reported once per period: a flood must not write a record per attempt
            return loginEvent(LoginResult.throttled(wait.get()), null);
        }
        Instant now = clock.instant();
        Optional<Account> found = repository.findByUsername(name);
        if (found.isEmpty()) {
            hasher.verifyDecoy(password.toCharArray());
            audit.record(AuditEntry.failure(AuditAction.LOGIN_FAILED, username, "unknown user"));
            guard.failed(source, name);
            return loginEvent(LoginResult.failed(LoginOutcome.INVALID_CREDENTIALS), null);
        }
        Account account = found.get();
        boolean matched = hasher.verify(password.toCharArray(), account.getPasswordHash());
        String upgradedHash = matched && hasher.needsRehash(account.getPasswordHash())
                ? hasher.hash(password.toCharArray()) : null;
        LoginResult result;
        for (int attempt = 1; ; attempt++) {
            try {
                result = attempts.record(account.getId(), matched, upgradedHash, now, api);
                break;
            } catch (EJBException e) {
                if (attempt == MAX_RECORD_ATTEMPTS || !causedByConcurrentUpdate(e)) {
                    throw e;
                }
            }
        }
        if (!matched) {
            guard.failed(source, name);
        } else if (result.succeeded()) {
            guard.succeeded(source, name);
        }
        return loginEvent(result, account);
    }

    /**
     * The REST API's check, which every request carries (HTTP Basic). When PBKDF2 verified this very username and
     * password a short while ago and the account still holds that hash and is enabled, it succeeds
     * without hashing again and without another sign-in record (what the caller then does is recorded as always).
     * Anything else goes through {@link #authenticate}, failures always. A password an administrator issued is
     * refused here until the user has chosen their own in the web app ({@link LoginOutcome#PASSWORD_CHANGE_REQUIRED}):
     * the administrator who saw it must not be able to act as that user through the API.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public LoginResult authenticateApi(String username, String password, String source) {
        if (username == null || password == null) {
            return authenticate(username, password, source, true);
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Optional<String> verifiedHash = verified.verifiedHash(name, password, now);
        if (verifiedHash.isPresent()) {
            Optional<Account> account = repository.findByUsername(name);
            if (account.isPresent() && account.get().getPasswordHash().equals(verifiedHash.get())
                    && account.get().isEnabled() && !account.get().isMustChangePassword()) {
                return LoginResult.succeeded(account.get().getRoles(), account.get().getSessionGeneration());
            }
        }
        LoginResult result = authenticate(username, password, source, true);
        if (result.succeeded()) {
            repository.findByUsername(name).ifPresent(a -> verified.remember(name, password, a.getPasswordHash(), now));
        }
        return result;
    }

    /**
     * The account as a signed-in session must see it on each request (enabled, session generation, roles); empty
     * when there is no such account. Open to all: the session check runs before the container knows the caller.
     */
    @PermitAll
    public Optional<AccountState> sessionState(String username) {
        return repository.findByUsername(username).map(AccountState::of);
    }

    @RolesAllowed({Role.CLINICIAN_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME})
    public boolean mustChangePassword() {
        return caller().isMustChangePassword();
    }

    /** The language the caller chose earlier, if any. */
    @RolesAllowed({Role.CLINICIAN_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME})
    public Optional<String> ownLanguage() {
        return Optional.ofNullable(caller().getPreferredLanguage());
    }

    @RolesAllowed({Role.CLINICIAN_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME})
    public void chooseOwnLanguage(String languageTag) {
        caller().preferLanguage(languageTag);
    }

    /**
     * Ends every other session of the caller's account.
     *
     * @return the account's new session generation, with which the caller's own session goes on
     */
    @RolesAllowed({Role.CLINICIAN_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME})
    public long changeOwnPassword(String currentPassword, String newPassword) {
        Account account = caller();
        if (currentPassword == null || !hasher.verify(currentPassword.toCharArray(), account.getPasswordHash())) {
            throw new AccountRejection(Reason.WRONG_CURRENT_PASSWORD);
        }
        requireAcceptable(newPassword, account.getUsername());
        if (newPassword.equals(currentPassword)) {
            throw new AccountRejection(Reason.PASSWORD_UNCHANGED);
        }
        account.setPassword(hasher.hash(newPassword.toCharArray()), false, clock.instant());
        securityEvent(AuditAction.PASSWORD_CHANGED, account, "");
        return account.getSessionGeneration();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    public List<AccountSummary> list() {
        Set<String> slowed = guard.slowedUsernames();
        return repository.findAll().stream()
                .map(account -> AccountSummary.of(account, slowed.contains(account.getUsername()))).toList();
    }

    /** Failed sign-ins on many usernames at once, recently, on this server. */
    @RolesAllowed(Role.ADMIN_NAME)
    public Optional<SignInGuard.Alert> signInAlert() {
        return guard.recentAlert();
    }

    /**
     * Creates an account with a generated password that must be changed at first login and expires after
     * {@code strokescan.security.issued-password-days}.
     */
    @RolesAllowed(Role.ADMIN_NAME)
    public IssuedPassword create(String username, String displayName, Collection<Role> roles) {
        String normalized = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!Account.USERNAME.matcher(normalized).matches()) {
            throw new AccountRejection(Reason.INVALID_USERNAME);
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > Account.DISPLAY_NAME_MAX) {
            throw new AccountRejection(Reason.INVALID_DISPLAY_NAME);
        }
        if (roles == null || roles.isEmpty()) {
            throw new AccountRejection(Reason.NO_ROLE);
        }
        if (repository.findByUsername(normalized).isPresent()) {
            throw new AccountRejection(Reason.USERNAME_TAKEN);
        }
        String password = generator.next();
        Instant now = clock.instant();
        Account account = new Account(normalized, displayName, roles, hasher.hash(password.toCharArray()), true, now);
        account.issuePassword(account.getPasswordHash(), now, issuedPasswordExpiry(now));
        repository.add(account);
        securityEvent(AuditAction.ACCOUNT_CREATED, account, "roles=" + account.getRoles());
        return new IssuedPassword(normalized, password);
    }

    /** Disabling also ends the account's open sessions at their next request. */
    @RolesAllowed(Role.ADMIN_NAME)
    public void setEnabled(String username, boolean enabled) {
        Account account = existing(username);
        if (!enabled && account.getUsername().equals(callerName())) {
            throw new AccountRejection(Reason.SELF_LOCKOUT);
        }
        if (enabled) {
            account.enable();
        } else {
            account.disable();
        }
        securityEvent(enabled ? AuditAction.ACCOUNT_ENABLED : AuditAction.ACCOUNT_DISABLED, account, "");
    }

    /** Open sessions of the account go on with the new roles from their next request. */
    @RolesAllowed(Role.ADMIN_NAME)
    public void assignRoles(String username, Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new AccountRejection(Reason.NO_ROLE);
        }
        Account account = existing(username);
        if (account.getUsername().equals(callerName()) && !roles.contains(Role.ADMIN)) {
            throw new AccountRejection(Reason.SELF_LOCKOUT);
        }
        account.assignRoles(roles);
        securityEvent(AuditAction.ROLES_ASSIGNED, account, "roles=" + account.getRoles());
    }

    /**
     * Issues a new generated password that the user must change at next login (it expires like a new account's); also
     * clears the failure count and ends the
     * account's open sessions.
     */
    @RolesAllowed(Role.ADMIN_NAME)
    public IssuedPassword resetPassword(String username) {
        Account account = existing(username);
        String password = generator.next();
        Instant now = clock.instant();
        account.issuePassword(hasher.hash(password.toCharArray()), now, issuedPasswordExpiry(now));
        securityEvent(AuditAction.PASSWORD_RESET, account, "must change at next sign-in");
        return new IssuedPassword(account.getUsername(), password);
    }

    /** Lifts the waits after failed sign-ins of this username (on this server) and clears its failure count. */
    @RolesAllowed(Role.ADMIN_NAME)
    public void unlock(String username) {
        Account account = existing(username);
        account.clearFailedLogins();
        guard.forget(account.getUsername());
        securityEvent(AuditAction.ACCOUNT_UNLOCKED, account, "sign-in waits lifted");
    }

    /** {@code strokescan.security.issued-password-days} after now; none when 0. */
    private Instant issuedPasswordExpiry(Instant now) {
        return issuedPasswordDays <= 0 ? null : now.plus(Duration.ofDays(issuedPasswordDays));
    }

    private static boolean causedByConcurrentUpdate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** Login outcomes also go to the log (by account id) for operations; the audit trail has them in full. */
    private LoginResult loginEvent(LoginResult result, Account account) {
        String who = account == null ? "unknown" : String.valueOf(account.getId());
        if (result.succeeded()) {
            LOG.info(() -> "event=login.succeeded account=" + who);
        } else {
            LOG.warning(() -> "event=login.failed account=" + who + " reason=" + result.outcome());
            Metrics.update(registry, r -> r.counter(LOGIN_FAILURES, new Tag("reason", result.outcome().name())).inc());
        }
        return result;
    }

    /**
     * Recorded in the audit trail within this transaction, and logged for operations; signed-in sessions of the
     * account look at it afresh once the transaction is over.
     */
    private void securityEvent(AuditAction action, Account target, String detail) {
        audit.record(new AuditEntry(action, target.getUsername(), AuditOutcome.SUCCESS, detail));
        changed.fire(new AccountChanged(target.getUsername()));
        LOG.info(() -> "event=" + action + " account=" + target.getId() + " by=" + callerName());
    }

    static void requireAcceptable(String password, String username) {
        POLICY.check(password, username).ifPresent(reason -> {
            throw new AccountRejection(reason);
        });
    }

    private Account existing(String username) {
        return repository.findByUsername(username).orElseThrow(() -> new AccountRejection(Reason.UNKNOWN_ACCOUNT));
    }

    private Account caller() {
        return existing(callerName());
    }

    private String callerName() {
        return session.getCallerPrincipal().getName();
    }
}
