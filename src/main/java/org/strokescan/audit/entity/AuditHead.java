package org.strokescan.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of the chain: the last sequence number and hash. Its single row is locked while a record is
 * appended, which orders concurrent appends; comparing it with the records also reveals a removed tail.
 */
@Entity
@Table(name = "audit_head")
public class AuditHead {

    public static final int ID = 1;

    @Id
    private int id;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    protected AuditHead() {
        // for JPA
    }

    public void advance(ChainLink appended) {
        if (appended.seq() != lastSeq + 1 || !appended.previousHash().equals(lastHash)) {
            throw new IllegalArgumentException("record " + appended.seq() + " does not continue the chain");
        }
        lastSeq = appended.seq();
        lastHash = appended.hash();
    }

    public long getLastSeq() { return lastSeq; }
    public String getLastHash() { return lastHash; }
}
