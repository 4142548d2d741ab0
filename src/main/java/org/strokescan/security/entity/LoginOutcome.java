package org.strokescan.security.entity;

/** What a login attempt came to. Users see one message for every failure so accounts cannot be probed. */
public enum LoginOutcome {
    SUCCESS,
    INVALID_CREDENTIALS,
    LOCKED,
    DISABLED;

    public boolean succeeded() {
        return this == SUCCESS;
    }
}
