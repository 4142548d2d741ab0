package org.strokescan.examination.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.strokescan.inference.entity.Classification.Classified;

/** One classification of one stored image, with the model that made it. Immutable once written. */
@Entity
@Table(name = "prediction")
public class Prediction implements Serializable {

    private static final long serialVersionUID = 1L;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false, length = 64)
    private String clinician;

    @Column(name = "patient_id", length = 64)
    private String patientId;

    @Column(name = "image_sha256", nullable = false, length = 64)
    private String imageSha256;

    @Column(name = "file_name", length = 256)
    private String fileName;

    @Column(nullable = false)
    private double probability;

    @Column(nullable = false)
    private boolean positive;

    @Column(nullable = false)
    private double threshold;

    @Column(name = "model_name", nullable = false, length = 64)
    private String modelName;

    @Column(name = "model_version", nullable = false, length = 32)
    private String modelVersion;

    @Column(name = "model_checksum", nullable = false, length = 64)
    private String modelChecksum;

    @Column(name = "gate_verdict", nullable = false, length = 32)
    private String gateVerdict;

    @Column(name = "latency_micros", nullable = false)
    private long latencyMicros;

    @Column(name = "examination_id", length = 36)
    private String examinationId;

    /** the image's mean grey level 0–255 as the model's intake decoded it; null for predictions before it was kept */
    @Column(name = "mean_grey")
    private Double meanGrey;

    protected Prediction() {
    }

    /** @param examinationId the examination the slice belongs to, or null for a single image sent through the API */
    public Prediction(Instant createdAt, String clinician, String patientId, String examinationId,
                      String imageSha256, String fileName, Classified result) {
        if (clinician == null || clinician.isBlank()) {
            throw new IllegalArgumentException("a prediction is made for a clinician");
        }
        if (patientId != null && patientId.length() > 64) {
            throw new IllegalArgumentException("patient identifier longer than 64 characters");
        }
        this.id = UUID.randomUUID().toString();
        this.createdAt = createdAt;
        this.clinician = clinician;
        this.patientId = patientId;
        this.imageSha256 = imageSha256;
        this.examinationId = examinationId;
        this.fileName = clip(fileName, 256);
        this.probability = result.probability();
        this.positive = result.positive();
        this.threshold = result.threshold();
        this.modelName = result.model().name();
        this.modelVersion = result.model().version();
        this.modelChecksum = result.model().checksum();
        this.gateVerdict = "ACCEPTED";
        this.latencyMicros = result.latencyNanos() / 1000;
        this.meanGrey = Double.isNaN(result.meanGrey()) ? null : result.meanGrey();
    }

    public String id() { return id; }
    public Instant createdAt() { return createdAt; }
    public String clinician() { return clinician; }
    public String patientId() { return patientId; }
    public String imageSha256() { return imageSha256; }
    public String fileName() { return fileName; }
    public double probability() { return probability; }
    public boolean positive() { return positive; }
    public double threshold() { return threshold; }
    public String modelName() { return modelName; }
    public String modelVersion() { return modelVersion; }
    public String modelChecksum() { return modelChecksum; }
    public String gateVerdict() { return gateVerdict; }
    public long latencyMicros() { return latencyMicros; }
    public String examinationId() { return examinationId; }
    public Double meanGrey() { return meanGrey; }

    /** Cuts user-supplied text to its column's length. */
    static String clip(String text, int length) {
        return text == null ? null : text.substring(0, Math.min(length, text.length()));
    }
}
