package org.strokescan.modelops.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A request to make another model active. Four eyes: the administrator who asked cannot approve it; any
 * administrator may reject it (the one who asked withdraws it). It remembers which model it would replace, so a
 * request overtaken by another change cannot be approved any more.
 */
@Entity
@Table(name = "model_change_request")
public class ModelChangeRequest {

    @Id
    @Column(length = 36)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ChangeKind kind;

    @Column(name = "model_id", nullable = false, length = 100)
    private String modelId;

    @Column(nullable = false, length = 100)
    private String replaces;

    @Column(nullable = false, length = ModelActivation.REASON_MAX)
    private String reason;

    @Column(name = "requested_by", nullable = false, length = 64)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RequestState state;

    @Column(name = "decided_by", length = 64)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_note", length = ModelActivation.REASON_MAX)
    private String decisionNote;

    protected ModelChangeRequest() {
    }

    public ModelChangeRequest(ChangeKind kind, String modelId, String replaces, String reason, String requestedBy,
                              Instant requestedAt) {
        if (kind == null || modelId == null || replaces == null || requestedBy == null || requestedAt == null) {
            throw new IllegalArgumentException("a change request names its kind, model, the model it replaces and"
                    + " who asked when");
        }
        if (modelId.equals(replaces)) {
            throw new IllegalArgumentException(modelId + " is already the active model");
        }
        this.id = UUID.randomUUID().toString();
        this.kind = kind;
        this.modelId = modelId;
        this.replaces = replaces;
        this.reason = requireReason(reason);
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.state = RequestState.PENDING;
    }

    /**
     * Whether {@code by} may approve it now, without deciding it (so that the costly checks that follow are spent
     * only on a request that can be approved).
     *
     * @throws IllegalStateException when it is not pending or {@code by} asked for it
     */
    public void requireApprovableBy(String by) {
        requirePending();
        if (by.equals(requestedBy)) {
            throw new IllegalStateException("A second administrator must approve this change: " + by
                    + " asked for it.");
        }
    }

    /**
     * @param active the model active now
     * @throws IllegalStateException when it is not pending, when {@code by} asked for it, or when the active model
     *                               changed since it was asked for (it is then marked stale)
     */
    public void approve(String by, String note, String active, Instant at) {
        requireApprovableBy(by);
        if (!replaces.equals(active)) {
            decide(RequestState.STALE, by, "the active model became " + active + " before this request was decided", at);
            throw new IllegalStateException("The active model changed to " + active + " after this request was made;"
                    + " ask again.");
        }
        decide(RequestState.APPROVED, by, note, at);
    }

    /** Rejected by another administrator, withdrawn by the one who asked. */
    public void reject(String by, String note, Instant at) {
        requirePending();
        decide(by.equals(requestedBy) ? RequestState.WITHDRAWN : RequestState.REJECTED, by, note, at);
    }

    private void requirePending() {
        if (state != RequestState.PENDING) {
            throw new IllegalStateException("This request was already decided: " + state.name().toLowerCase(
                    java.util.Locale.ROOT) + (decidedBy == null ? "" : " by " + decidedBy) + ".");
        }
    }

    private void decide(RequestState decision, String by, String note, Instant at) {
        state = decision;
        decidedBy = by;
        decidedAt = at;
        decisionNote = note == null || note.isBlank() ? null : note.strip().substring(0,
                Math.min(note.strip().length(), ModelActivation.REASON_MAX));
    }

    /** @throws IllegalArgumentException unless there is a reason of at most {@value ModelActivation#REASON_MAX} characters */
    public static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Give a reason: it is kept with the change for auditors.");
        }
        if (reason.strip().length() > ModelActivation.REASON_MAX) {
            throw new IllegalArgumentException("A reason has at most " + ModelActivation.REASON_MAX + " characters.");
        }
        return reason.strip();
    }

    public String id() { return id; }
    public ChangeKind kind() { return kind; }
    public String modelId() { return modelId; }
    public String replaces() { return replaces; }
    public String reason() { return reason; }
    public String requestedBy() { return requestedBy; }
    public Instant requestedAt() { return requestedAt; }
    public RequestState state() { return state; }
    public String decidedBy() { return decidedBy; }
    public Optional<Instant> decidedAt() { return Optional.ofNullable(decidedAt); }
    public Optional<String> decisionNote() { return Optional.ofNullable(decisionNote); }
}
