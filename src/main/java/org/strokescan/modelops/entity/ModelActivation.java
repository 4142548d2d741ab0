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
 * One change of what a slot holds, kept for ever: the newest row of a slot is what every node holds. Making a model
 * active needs a second administrator ({@code approvedBy}); a shadow is set by one.
 */
@Entity
@Table(name = "model_activation")
public class ModelActivation {

    public static final int REASON_MAX = 500;

    @Id
    @Column(length = 36)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private ModelSlot slot;

    @Column(name = "model_id", length = 100)
    private String modelId;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by", nullable = false, length = 64)
    private String changedBy;

    @Column(name = "approved_by", length = 64)
    private String approvedBy;

    @Column(nullable = false, length = REASON_MAX)
    private String reason;

    @Column(name = "request_id", length = 36)
    private String requestId;

    protected ModelActivation() {
    }

    /** A shadow set (or cleared, with no model) by one administrator. */
    public static ModelActivation shadow(String modelId, String by, String reason, Instant at) {
        return new ModelActivation(ModelSlot.SHADOW, modelId, by, null, reason, null, at);
    }

    /** A model made active by an approved request. */
    public static ModelActivation active(ModelChangeRequest request, Instant at) {
        if (request.state() != RequestState.APPROVED) {
            throw new IllegalStateException("only an approved request makes a model active");
        }
        return new ModelActivation(ModelSlot.ACTIVE, request.modelId(), request.requestedBy(), request.decidedBy(),
                request.reason(), request.id(), at);
    }

    private ModelActivation(ModelSlot slot, String modelId, String changedBy, String approvedBy, String reason,
                            String requestId, Instant changedAt) {
        if (slot == ModelSlot.ACTIVE && (modelId == null || approvedBy == null || approvedBy.equals(changedBy))) {
            throw new IllegalArgumentException("an active model needs a model and a second administrator's approval");
        }
        this.id = UUID.randomUUID().toString();
        this.slot = slot;
        this.modelId = modelId;
        this.changedBy = changedBy;
        this.approvedBy = approvedBy;
        this.reason = ModelChangeRequest.requireReason(reason);
        this.requestId = requestId;
        this.changedAt = changedAt;
    }

    public String id() { return id; }
    public ModelSlot slot() { return slot; }
    public Optional<String> modelId() { return Optional.ofNullable(modelId); }
    public Instant changedAt() { return changedAt; }
    public String changedBy() { return changedBy; }
    public Optional<String> approvedBy() { return Optional.ofNullable(approvedBy); }
    public String reason() { return reason; }
    public Optional<String> requestId() { return Optional.ofNullable(requestId); }
}
