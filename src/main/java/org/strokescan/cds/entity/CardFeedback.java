package org.strokescan.cds.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The EHR's report of what its user did with one of our cards: accepted it, or overrode it (with a reason). */
@Entity
@Table(name = "cds_feedback")
public class CardFeedback {

    public static final int MAX_COMMENT_LENGTH = 2000;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "card_uuid", nullable = false, length = 36)
    private String cardUuid;

    @Column(nullable = false, length = 256)
    private String issuer;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private FeedbackOutcome outcome;

    @Column(name = "override_code", length = 64)
    private String overrideCode;

    @Column(name = "override_display", length = 256)
    private String overrideDisplay;

    @Column(name = "user_comment", length = MAX_COMMENT_LENGTH)
    private String userComment;

    @Column(name = "outcome_at", nullable = false)
    private Instant outcomeAt;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected CardFeedback() {
    }

    public CardFeedback(IssuedCard card, FeedbackOutcome outcome, String overrideCode, String overrideDisplay,
                        String userComment, Instant outcomeAt, Instant receivedAt) {
        if (outcome == FeedbackOutcome.ACCEPTED && (overrideCode != null || userComment != null)) {
            throw new IllegalArgumentException("an accepted card has no override reason");
        }
        if (userComment != null && userComment.length() > MAX_COMMENT_LENGTH) {
            throw new IllegalArgumentException("a comment takes at most " + MAX_COMMENT_LENGTH + " characters");
        }
        this.id = UUID.randomUUID().toString();
        this.cardUuid = card.uuid();
        this.issuer = card.issuer();
        this.outcome = Objects.requireNonNull(outcome);
        this.overrideCode = overrideCode;
        this.overrideDisplay = overrideDisplay;
        this.userComment = userComment;
        this.outcomeAt = Objects.requireNonNull(outcomeAt);
        this.receivedAt = receivedAt;
    }

    public String id() { return id; }
    public String cardUuid() { return cardUuid; }
    public String issuer() { return issuer; }
    public FeedbackOutcome outcome() { return outcome; }
    public String overrideCode() { return overrideCode; }
    public String overrideDisplay() { return overrideDisplay; }
    public String userComment() { return userComment; }
    public Instant outcomeAt() { return outcomeAt; }
    public Instant receivedAt() { return receivedAt; }
}
