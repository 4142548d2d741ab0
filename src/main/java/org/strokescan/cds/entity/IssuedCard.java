package org.strokescan.cds.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A card StrokeScan put on an EHR screen, kept so the EHR's feedback can be tied to an examination and its link can
 * open that examination once. Only the SHA-256 of the launch token is stored: the token itself lives in the card.
 */
@Entity
@Table(name = "cds_card")
public class IssuedCard {

    @Id
    @Column(length = 36)
    private String uuid;

    @Column(name = "examination_id", nullable = false, length = 36)
    private String examinationId;

    @Column(nullable = false, length = 256)
    private String issuer;

    @Column(nullable = false, length = 16)
    private String indicator;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "launch_token_sha256", nullable = false, length = 64, unique = true)
    private String launchTokenSha256;

    @Column(name = "launch_expires_at", nullable = false)
    private Instant launchExpiresAt;

    @Column(name = "launched_at")
    private Instant launchedAt;

    @Column(name = "launched_by", length = 64)
    private String launchedBy;

    protected IssuedCard() {
    }

    public IssuedCard(String examinationId, String issuer, CardIndicator indicator, Instant issuedAt,
                      String launchTokenSha256, Instant launchExpiresAt) {
        if (!launchExpiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a launch token expires after it was issued");
        }
        this.uuid = UUID.randomUUID().toString();
        this.examinationId = Objects.requireNonNull(examinationId);
        this.issuer = Objects.requireNonNull(issuer);
        this.indicator = indicator.json();
        this.issuedAt = issuedAt;
        this.launchTokenSha256 = Objects.requireNonNull(launchTokenSha256);
        this.launchExpiresAt = launchExpiresAt;
    }

    /** Uses the launch token: once, before it expires. */
    public void launch(String username, Instant now) {
        if (launchedAt != null) {
            throw new IllegalStateException("the card's link was already used");
        }
        if (!now.isBefore(launchExpiresAt)) {
            throw new IllegalStateException("the card's link has expired");
        }
        launchedAt = now;
        launchedBy = username;
    }

    public String uuid() { return uuid; }
    public String examinationId() { return examinationId; }
    public String issuer() { return issuer; }
    public String indicator() { return indicator; }
    public Instant issuedAt() { return issuedAt; }
    public Instant launchExpiresAt() { return launchExpiresAt; }
    public Instant launchedAt() { return launchedAt; }
    public String launchedBy() { return launchedBy; }
}
