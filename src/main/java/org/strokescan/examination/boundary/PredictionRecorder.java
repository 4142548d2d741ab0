package org.strokescan.examination.boundary;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionOutcome;
import org.strokescan.examination.entity.PredictionStored;
import org.strokescan.examination.entity.RefusedImage;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.examination.entity.UploadKey;
import org.strokescan.inference.entity.Classification;
import org.strokescan.platform.Metrics;

/**
 * Writes what became of one upload, in the calling bean's transaction: the image and its prediction with an
 * audit record, or the audit record of the refusal. Shared by single-image predictions and examinations.
 */
@Dependent
class PredictionRecorder {

    static final Metadata PREDICTIONS = Metrics.described("strokescan_predictions",
            "Images classified and recorded, by label at the model's threshold and model");
    static final Metadata REFUSALS = Metrics.described("strokescan_refusals",
            "Uploads refused before classification, by stage (intake: the file, gate: the picture) and reason");

    @PersistenceContext
    EntityManager em;

    @Inject
    StoredImages images;

    @Inject
    AuditTrail audit;

    @Inject
    Event<PredictionStored> stored;

    @Inject
    MetricRegistry registry;

    /** The prediction the clinician's upload with this Idempotency-Key stored before. */
    Optional<Prediction> storedUnder(String clinician, String idempotencyKey) {
        return Optional.ofNullable(em.find(UploadKey.class, new UploadKey.Key(clinician, idempotencyKey)))
                .map(key -> em.find(Prediction.class, key.predictionId()));
    }

    /**
     * Notes the key with what the upload stored, in the transaction that stores it; a refusal is not kept. Written
     * at once: a copy of the upload that stored the key meanwhile makes this fail here (a unique constraint), not
     * at commit, and the whole upload is undone.
     */
    void keep(PredictionOutcome outcome, String clinician, String idempotencyKey) {
        if (outcome instanceof PredictionOutcome.Stored stored) {
            em.persist(new UploadKey(clinician, idempotencyKey, stored.prediction().id(), Instant.now()));
            em.flush();
        }
    }

    PredictionOutcome record(Classification result, byte[] content, String fileName, String clinician,
                             String patientId, String examinationId) {
        return record(result, content, fileName, clinician, patientId, examinationId, audit::record);
    }

    /** @param auditor writes the audit records: as the caller, or as the system for the PACS intake's worker */
    PredictionOutcome record(Classification result, byte[] content, String fileName, String clinician,
                             String patientId, String examinationId, Consumer<AuditEntry> auditor) {
        String subject = AuditSubject.patient(patientId);
        if (result instanceof Classification.Refused refused) {
            auditor.accept(new AuditEntry(AuditAction.IMAGE_REJECTED, subject, AuditOutcome.FAILURE,
                    refused.reason().audited() + (examinationId == null ? "" : "; examination " + examinationId)));
            Metrics.update(registry, r -> r.counter(REFUSALS,
                    new Tag("stage", refused.stage().name().toLowerCase(Locale.ROOT)),
                    new Tag("reason", refused.reason().name())).inc());
            em.persist(new RefusedImage(Instant.now(), refused, examinationId));
            return new PredictionOutcome.Rejected(refused);
        }
        Classification.Classified classified = (Classification.Classified) result;
        String sha256 = sha256(content);
        try {
            images.storeIfAbsent(new StoredImage(sha256, content, classified.format().name(), classified.width(),
                    classified.height(), Instant.now()));
        } catch (EJBException e) {
            if (em.find(StoredImage.class, sha256) == null) {
                throw e;
            }
            // the same file was stored by a concurrent upload a moment ago
        }
        Prediction prediction = new Prediction(Instant.now(), clinician, patientId, examinationId, sha256, fileName,
                classified);
        em.persist(prediction);
        auditor.accept(AuditEntry.success(AuditAction.PREDICTION_MADE, subject).withDetail(String.format(Locale.ROOT,
                "prediction %s; %s %.4f (threshold %.4f); model %s/%s%s", prediction.id(),
                prediction.positive() ? "positive" : "negative", prediction.probability(), prediction.threshold(),
                prediction.modelName(), prediction.modelVersion(),
                examinationId == null ? "" : "; examination " + examinationId)));
        Metrics.update(registry, r -> r.counter(PREDICTIONS,
                new Tag("label", classified.positive() ? "positive" : "negative"),
                new Tag("model", classified.model().toString())).inc());
        stored.fire(new PredictionStored(prediction.id(), examinationId, prediction.modelName() + "/"
                + prediction.modelVersion(), prediction.probability(), prediction.positive(), content));
        return new PredictionOutcome.Stored(prediction);
    }

    /**
     * Records a read of a slice's image or heat map when {@code firstRead} says it is the first of its kind for
     * the slice's examination (a single image sent without one counts as its own examination).
     *
     * @param firstRead given a key naming the action and examination, says whether this read is to be recorded
     */
    static void recordRead(AuditTrail audit, AuditAction action, Prediction prediction, Predicate<String> firstRead,
                           String note) {
        String examination = prediction.examinationId() == null ? "prediction " + prediction.id()
                : "examination " + prediction.examinationId();
        if (firstRead.test(action.name() + " " + examination)) {
            audit.record(AuditEntry.success(action, AuditSubject.patient(prediction.patientId()))
                    .withDetail(examination + ", prediction " + prediction.id() + note));
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
