package org.strokescan.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event in the audit trail. Append-only: every column is insert-only, there is no setter, and the
 * PostgreSQL schema refuses UPDATE and DELETE on the table.
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    @Column(updatable = false)
    private long seq;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false, length = 64)
    private String actor;

    @Column(name = "actor_roles", nullable = false, updatable = false, length = 64)
    private String actorRoles;

    @Column(name = "remote_address", nullable = false, updatable = false, length = 64)
    private String remoteAddress;

    @Column(nullable = false, updatable = false, length = 32)
    private String action;

    @Column(nullable = false, updatable = false, length = AuditEntry.TEXT_MAX)
    private String subject;

    @Column(nullable = false, updatable = false, length = 16)
    private String outcome;

    @Column(nullable = false, updatable = false, length = AuditEntry.TEXT_MAX)
    private String detail;

    @Column(name = "previous_hash", nullable = false, updatable = false, length = 64)
    private String previousHash;

    @Column(nullable = false, updatable = false, length = 64)
    private String hash;

    protected AuditRecord() {
        // for JPA
    }

    public AuditRecord(ChainLink link) {
        this.seq = link.seq();
        this.occurredAt = link.occurredAt();
        this.actor = link.actor();
        this.actorRoles = link.actorRoles();
        this.remoteAddress = link.remoteAddress();
        this.action = link.action();
        this.subject = link.subject();
        this.outcome = link.outcome();
        this.detail = link.detail();
        this.previousHash = link.previousHash();
        this.hash = link.hash();
    }

    public ChainLink link() {
        return new ChainLink(seq, occurredAt, actor, actorRoles, remoteAddress, action, subject, outcome, detail,
                previousHash, hash);
    }

    public long getSeq() { return seq; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public String getActorRoles() { return actorRoles; }
    public String getRemoteAddress() { return remoteAddress; }
    public String getAction() { return action; }
    public String getSubject() { return subject; }
    public String getOutcome() { return outcome; }
    public String getDetail() { return detail; }
    public String getPreviousHash() { return previousHash; }
    public String getHash() { return hash; }
}
