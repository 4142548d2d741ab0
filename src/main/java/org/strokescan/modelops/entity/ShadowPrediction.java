package org.strokescan.modelops.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The shadow model's result for one image the active model classified, beside the active model's result. For
 * comparison only: never shown to clinicians nor sent to the EHR. A shadow whose gate refused the image keeps the
 * reason instead of a probability.
 */
@Entity
@Table(name = "shadow_prediction")
public class ShadowPrediction {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "prediction_id", nullable = false, length = 36, unique = true)
    private String predictionId;

    @Column(name = "examination_id", length = 36)
    private String examinationId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "active_model", nullable = false, length = 100)
    private String activeModel;

    @Column(name = "active_probability", nullable = false)
    private double activeProbability;

    @Column(name = "active_positive", nullable = false)
    private boolean activePositive;

    @Column(name = "shadow_model", nullable = false, length = 100)
    private String shadowModel;

    @Column(length = 32)
    private String refusal;

    private Double probability;

    private Boolean positive;

    private Double threshold;

    @Column(name = "latency_micros", nullable = false)
    private long latencyMicros;

    protected ShadowPrediction() {
    }

    private ShadowPrediction(ShadowInput input, String shadowModel, String refusal, Double probability,
                             Boolean positive, Double threshold, long latencyMicros, Instant createdAt) {
        if (input.activeModel().equals(shadowModel)) {
            throw new IllegalArgumentException("a shadow is another model than the active one: " + shadowModel);
        }
        this.id = UUID.randomUUID().toString();
        this.predictionId = input.predictionId();
        this.examinationId = input.examinationId();
        this.activeModel = input.activeModel();
        this.activeProbability = input.activeProbability();
        this.activePositive = input.activePositive();
        this.shadowModel = shadowModel;
        this.refusal = refusal;
        this.probability = probability;
        this.positive = positive;
        this.threshold = threshold;
        this.latencyMicros = latencyMicros;
        this.createdAt = createdAt;
    }

    public static ShadowPrediction classified(ShadowInput input, String shadowModel, double probability,
                                              boolean positive, double threshold, long latencyMicros, Instant at) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a probability lies in [0, 1], got " + probability);
        }
        return new ShadowPrediction(input, shadowModel, null, probability, positive, threshold, latencyMicros, at);
    }

    public static ShadowPrediction refused(ShadowInput input, String shadowModel, String reason, long latencyMicros,
                                           Instant at) {
        return new ShadowPrediction(input, shadowModel, reason, null, null, null, latencyMicros, at);
    }

    public String id() { return id; }
    public String predictionId() { return predictionId; }
    public Optional<String> examinationId() { return Optional.ofNullable(examinationId); }
    public Instant createdAt() { return createdAt; }
    public String activeModel() { return activeModel; }
    public double activeProbability() { return activeProbability; }
    public boolean activePositive() { return activePositive; }
    public String shadowModel() { return shadowModel; }
    public Optional<String> refusal() { return Optional.ofNullable(refusal); }
    public Optional<Double> probability() { return Optional.ofNullable(probability); }
    public Optional<Boolean> positive() { return Optional.ofNullable(positive); }
    public Optional<Double> threshold() { return Optional.ofNullable(threshold); }
    public long latencyMicros() { return latencyMicros; }
}
