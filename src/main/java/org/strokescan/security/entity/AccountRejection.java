package org.strokescan.security.entity;

import jakarta.ejb.ApplicationException;

/**
 * A request about an account that breaks a rule. The reason names the rule so the UI can explain it in
 * the user's language; the transaction rolls back, so nothing half-done is stored.
 */
@ApplicationException(rollback = true)
public class AccountRejection extends RuntimeException {

    public enum Reason {
        INVALID_USERNAME,
        USERNAME_TAKEN,
        INVALID_DISPLAY_NAME,
        NO_ROLE,
        UNKNOWN_ACCOUNT,
        SELF_LOCKOUT,
        WRONG_CURRENT_PASSWORD,
        PASSWORD_TOO_SHORT,
        PASSWORD_TOO_LONG,
        PASSWORD_TOO_COMMON,
        PASSWORD_CONTAINS_USERNAME,
        PASSWORD_UNCHANGED
    }

    private final Reason reason;

    public AccountRejection(Reason reason) {
        super(reason.name());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
