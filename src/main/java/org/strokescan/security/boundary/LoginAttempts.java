package org.strokescan.security.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
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

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public LoginResult record(long accountId, boolean passwordMatched, String upgradedHash, Instant now,
                              int maxFailedLogins, Duration lockDuration) {
        Account account = repository.find(accountId);
        if (account == null) {
            return LoginResult.failed(LoginOutcome.INVALID_CREDENTIALS);
        }
        if (account.isLocked(now)) {
            return LoginResult.failed(LoginOutcome.LOCKED);
        }
        if (!passwordMatched) {
            account.recordFailedLogin(now, maxFailedLogins, lockDuration);
            return LoginResult.failed(account.isLocked(now) ? LoginOutcome.LOCKED : LoginOutcome.INVALID_CREDENTIALS);
        }
        if (!account.isEnabled()) {
            return LoginResult.failed(LoginOutcome.DISABLED);
        }
        if (upgradedHash != null) {
            account.setPassword(upgradedHash, account.isMustChangePassword(), now);
        }
        account.recordSuccessfulLogin(now);
        return new LoginResult(LoginOutcome.SUCCESS, account.getRoles());
    }
}
