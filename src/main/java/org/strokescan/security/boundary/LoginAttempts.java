package org.strokescan.security.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.security.control.AccountRepository;
import org.strokescan.security.entity.Account;
import org.strokescan.security.entity.LoginOutcome;
import org.strokescan.security.entity.LoginResult;

/**
 * Records the outcome of one login attempt in a short transaction of its own, after the slow password check.
 * {@link Accounts#authenticate} retries it when concurrent attempts on one account collide, so no failure
 * goes uncounted. Only called by {@link Accounts}.
 */
@Stateless
@PermitAll
public class LoginAttempts {

    @Inject
    AccountRepository repository;

    @Inject
    AuditTrail audit;

    /**
     * @param issuedPasswordRefused the REST API: a password an administrator issued (still to be changed) is refused
     *                              though it matched; the pages let it in, to the password change only
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public LoginResult record(long accountId, boolean passwordMatched, String upgradedHash, Instant now,
                              boolean issuedPasswordRefused) {
        Account account = repository.find(accountId);
        if (account == null) {
            return LoginResult.failed(LoginOutcome.INVALID_CREDENTIALS);
        }
        if (!passwordMatched) {
            account.recordFailedLogin();
            return failed(account, LoginOutcome.INVALID_CREDENTIALS);
        }
        if (!account.isEnabled()) {
            return failed(account, LoginOutcome.DISABLED);
        }
        if (account.isIssuedPasswordExpired(now)) {
            return failed(account, LoginOutcome.ISSUED_PASSWORD_EXPIRED);
        }
        if (issuedPasswordRefused && account.isMustChangePassword()) {
            return failed(account, LoginOutcome.PASSWORD_CHANGE_REQUIRED);
        }
        if (upgradedHash != null) {
            account.upgradeHash(upgradedHash);
        }
        account.recordSuccessfulLogin(now);
        audit.recordSignIn(account.getUsername(), account.getRoles(),
                AuditEntry.success(AuditAction.LOGIN_SUCCEEDED, account.getUsername()));
        return LoginResult.succeeded(account.getRoles(), account.getSessionGeneration());
    }

    private LoginResult failed(Account account, LoginOutcome outcome) {
        audit.record(AuditEntry.failure(AuditAction.LOGIN_FAILED, account.getUsername(), outcome.name()));
        return LoginResult.failed(outcome);
    }
}
