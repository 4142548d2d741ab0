package org.strokescan.examination.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.strokescan.inference.entity.Classification.Refused;

/** A file refused at upload, kept with its reason so the examination shows everything that was uploaded. */
@Entity
@Table(name = "rejected_upload")
public class RejectedUpload implements Serializable {

    private static final long serialVersionUID = 1L;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "examination_id", nullable = false, length = 36)
    private String examinationId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "file_name", length = 256)
    private String fileName;

    @Column(nullable = false, length = 16)
    private String stage;

    @Column(nullable = false, length = 32)
    private String reason;

    @Column(nullable = false, length = 512)
    private String message;

    protected RejectedUpload() {
    }

    public RejectedUpload(String examinationId, Instant createdAt, String fileName, Refused refusal) {
        this.id = UUID.randomUUID().toString();
        this.examinationId = examinationId;
        this.createdAt = createdAt;
        this.fileName = Prediction.clip(fileName, 256);
        this.stage = refusal.stage().name();
        this.reason = refusal.reason().name();
        this.message = Prediction.clip(refusal.message(), 512);
    }

    public String id() { return id; }
    public String examinationId() { return examinationId; }
    public Instant createdAt() { return createdAt; }
    public String fileName() { return fileName; }
    public String stage() { return stage; }
    /** a stable code: an intake or gate reason name */
    public String reason() { return reason; }
    public String message() { return message; }
}
