package org.strokescan.modelops.entity;

public enum RequestState {
    PENDING,
    APPROVED,
    REJECTED,
    /** withdrawn by the administrator who made it */
    WITHDRAWN,
    /** the active model changed before it was decided, so it no longer says what it would replace */
    STALE
}
