package org.strokescan.examination.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.strokescan.inference.entity.Classification.Refused;

/**
 * An upload the intake or the input gate refused, single image or examination slice alike, by reason: what the
 * drift watch counts (the audit trail words refusals for people, {@link RejectedUpload} keeps an examination's).
 */
@Entity
@Table(name = "refused_image")
public class RefusedImage {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false, length = 16)
    private String stage;

    @Column(nullable = false, length = 32)
    private String reason;

    @Column(name = "examination_id", length = 36)
    private String examinationId;

    protected RefusedImage() {
    }

    /** @param examinationId the examination the upload was for, or null for a single image */
    public RefusedImage(Instant createdAt, Refused refusal, String examinationId) {
        this.id = UUID.randomUUID().toString();
        this.createdAt = createdAt;
        this.stage = refusal.stage().name();
        this.reason = refusal.reason().name();
        this.examinationId = examinationId;
    }

    public String id() { return id; }
    public Instant createdAt() { return createdAt; }
    public String stage() { return stage; }
    /** a stable code: an intake or gate reason name */
    public String reason() { return reason; }
    public String examinationId() { return examinationId; }
}
