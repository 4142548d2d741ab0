package org.strokescan.cds.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An EHR's JWT already accepted, kept until it expires so it is accepted once: its id is the SHA-256 of issuer and
 * {@code jti}, the table's primary key settles a race between two copies on any node.
 */
@Entity
@Table(name = "cds_seen_token")
public class SeenToken {

    @Id
    @Column(length = 64)
    private String id;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected SeenToken() {
    }

    public SeenToken(String id, Instant expiresAt) {
        this.id = id;
        this.expiresAt = expiresAt;
    }

    public String id() { return id; }
    public Instant expiresAt() { return expiresAt; }
}
