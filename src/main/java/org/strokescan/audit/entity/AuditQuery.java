package org.strokescan.audit.entity;

import java.time.Instant;

/** Filters of the auditor console; a null field does not filter. */
public record AuditQuery(Instant from, Instant to, String actor, String action, String outcome, String subject) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null);

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text, "from", from);
        append(text, "to", to);
        append(text, "actor", actor);
        append(text, "action", action);
        append(text, "outcome", outcome);
        append(text, "subject", subject);
        return text.isEmpty() ? "none" : text.toString().strip();
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(name).append('=').append(value).append(' ');
        }
    }
}
