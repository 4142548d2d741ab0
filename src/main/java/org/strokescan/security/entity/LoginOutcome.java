package org.strokescan.security.entity;

/** What a login attempt came to. Users see one message for every failure so accounts cannot be probed. */
public enum LoginOutcome {
    SUCCESS,
    INVALID_CREDENTIALS,
    /** Not checked: sign-ins from this source, or of this username from there, must wait ({@link LoginResult#retryAfter}). */
    THROTTLED,
    DISABLED,
    /** The right password, but one an administrator issued: the REST API takes it once the user chose their own. */
    PASSWORD_CHANGE_REQUIRED,
    /** The right password, but one an administrator issued and the user did not replace in time. */
    ISSUED_PASSWORD_EXPIRED;

    public boolean succeeded() {
        return this == SUCCESS;
    }
}
