package org.strokescan.audit.entity;

import java.time.Instant;

/** One audit record as the hash chain sees it, whether read through JPA in the server or JDBC in the CLI. */
public record ChainLink(long seq, Instant occurredAt, String actor, String actorRoles, String remoteAddress,
                        String action, String subject, String outcome, String detail, String previousHash,
                        String hash) {
}
