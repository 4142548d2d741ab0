package org.strokescan.examination.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * The Idempotency-Key a client sent with an upload, and the prediction that upload stored: the same request sent
 * again with the same key is answered with that prediction instead of storing another.
 */
@Entity
@Table(name = "upload_key")
@IdClass(UploadKey.Key.class)
public class UploadKey {

    /** The longest key taken; a UUID has 36 characters. */
    public static final int MAX_LENGTH = 64;

    /** The primary key: one key per caller. */
    public record Key(String clinician, String idempotencyKey) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(length = 64)
    private String clinician;

    @Id
    @Column(name = "idempotency_key", length = MAX_LENGTH)
    private String idempotencyKey;

    @Column(name = "prediction_id", nullable = false, length = 36)
    private String predictionId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UploadKey() {
    }

    public UploadKey(String clinician, String idempotencyKey, String predictionId, Instant createdAt) {
        this.clinician = clinician;
        this.idempotencyKey = idempotencyKey;
        this.predictionId = predictionId;
        this.createdAt = createdAt;
    }

    public String predictionId() { return predictionId; }
}
