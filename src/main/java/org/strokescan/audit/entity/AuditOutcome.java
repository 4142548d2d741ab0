package org.strokescan.audit.entity;

public enum AuditOutcome {
    SUCCESS,
    FAILURE
}
