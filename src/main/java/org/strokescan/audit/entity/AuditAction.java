package org.strokescan.audit.entity;

/** What happened. Stored by name; new actions are added at the end as components land. */
public enum AuditAction {
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    ACCOUNT_LOCKED,
    LOGOUT,
    ACCOUNTS_SEEDED,
    ACCOUNT_CREATED,
    ACCOUNT_ENABLED,
    ACCOUNT_DISABLED,
    ACCOUNT_UNLOCKED,
    ROLES_ASSIGNED,
    PASSWORD_RESET,
    PASSWORD_CHANGED,
    AUDIT_VERIFIED,
    AUDIT_EXPORTED,
    PREDICTION_MADE,
    IMAGE_REJECTED,
    PREDICTION_VIEWED
}
