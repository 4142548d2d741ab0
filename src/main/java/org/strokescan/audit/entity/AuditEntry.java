package org.strokescan.audit.entity;

import java.util.Objects;

/**
 * What a caller asks to be recorded: the action, whom or what it concerns, the outcome and a short detail.
 * Who, from where and when are filled in by the audit trail itself. Never put passwords or tokens here.
 */
public record AuditEntry(AuditAction action, String subject, AuditOutcome outcome, String detail) {

    public static final int TEXT_MAX = 256;

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        subject = clip(subject);
        detail = clip(detail);
    }

    public static AuditEntry success(AuditAction action, String subject) {
        return new AuditEntry(action, subject, AuditOutcome.SUCCESS, "");
    }

    public static AuditEntry failure(AuditAction action, String subject, String detail) {
        return new AuditEntry(action, subject, AuditOutcome.FAILURE, detail);
    }

    public AuditEntry withDetail(String newDetail) {
        return new AuditEntry(action, subject, outcome, newDetail);
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= TEXT_MAX ? text : text.substring(0, TEXT_MAX - 1) + "…";
    }
}
