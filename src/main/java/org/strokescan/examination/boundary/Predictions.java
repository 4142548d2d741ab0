package org.strokescan.examination.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.function.Predicate;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionOutcome;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.inference.boundary.Classifier;
import org.strokescan.inference.boundary.ModelNotReadyException;
import org.strokescan.inference.entity.Explanation;
import org.strokescan.platform.Role;

/**
 * Predictions of the signed-in clinician: classify an upload and store the image with the prediction, find
 * one again, draw its heat map. A clinician only ever sees their own; every upload and every view is audited.
 */
@Stateless
@RolesAllowed(Role.CLINICIAN_NAME)
public class Predictions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Classifier classifier;

    @Inject
    PredictionRecorder recorder;

    @Inject
    AuditTrail audit;

    @Resource
    SessionContext session;

    /**
     * Classifies an image that belongs to no patient (a slice for a patient goes into an examination: see
     * {@link Examinations#addSlice}).
     *
     * @throws ModelNotReadyException when the model cannot classify; nothing is stored then
     */
    public PredictionOutcome predict(byte[] content, String fileName) {
        return predict(content, fileName, null);
    }

    /**
     * @param idempotencyKey the client's Idempotency-Key, or null: an upload sent again with the same key stores
     *                       nothing and is answered with what the first stored
     */
    public PredictionOutcome predict(byte[] content, String fileName, String idempotencyKey) {
        Optional<Prediction> earlier = storedUnder(idempotencyKey);
        if (earlier.isPresent()) {
            return new PredictionOutcome.Stored(earlier.get());
        }
        PredictionOutcome outcome = recorder.record(classifier.classify(content), content, fileName, caller(), null, null);
        if (idempotencyKey != null) {
            recorder.keep(outcome, caller(), idempotencyKey);
        }
        return outcome;
    }

    /** The prediction the caller's upload with this Idempotency-Key stored, if one did; empty without a key. */
    public Optional<Prediction> storedUnder(String idempotencyKey) {
        return idempotencyKey == null ? Optional.empty() : recorder.storedUnder(caller(), idempotencyKey);
    }

    /** The caller's own prediction or a slice of a department study; another's looks like one that does not exist. */
    public Optional<Prediction> find(String id) {
        Optional<Prediction> found = reachable(id);
        found.ifPresent(p -> audit.record(AuditEntry.success(AuditAction.PREDICTION_VIEWED,
                AuditSubject.patient(p.patientId())).withDetail("prediction " + p.id())));
        return found;
    }

    /**
     * The heat map of the caller's own prediction, computed again from the stored image; only while the model
     * that made the prediction is still the active one, so the map always explains the stored probability.
     * Recorded as {@link AuditAction#HEATMAP_VIEWED} when {@code firstRead} says so (see
     * {@link #image(String, Predicate)}).
     *
     * @throws ModelNotReadyException when the model cannot run, or is no longer the one that made the prediction
     */
    public Optional<byte[]> heatmap(String id, Predicate<String> firstRead) {
        Optional<Prediction> prediction = reachable(id);
        if (prediction.isEmpty()) {
            return Optional.empty();
        }
        String active = classifier.status().checksum();
        if (!prediction.get().modelChecksum().equals(active)) {
            throw new ModelNotReadyException("The heat map needs model " + prediction.get().modelName() + "/"
                    + prediction.get().modelVersion() + ", which is no longer the active model.");
        }
        StoredImage image = em.find(StoredImage.class, prediction.get().imageSha256());
        Explanation explanation = classifier.explain(image.content());
        Optional<byte[]> png = explanation.png();
        png.ifPresent(map -> PredictionRecorder.recordRead(audit, AuditAction.HEATMAP_VIEWED, prediction.get(),
                firstRead, ""));
        return png;
    }

    /**
     * The uploaded image of the caller's own prediction, as it was stored; recorded as
     * {@link AuditAction#IMAGE_VIEWED} when {@code firstRead}, given a key naming the action and the examination,
     * says this read is the first worth recording (the pages remember the keys of their session; the API records
     * every request).
     */
    public Optional<StoredImage> image(String id, Predicate<String> firstRead) {
        Optional<Prediction> prediction = reachable(id);
        prediction.ifPresent(p -> PredictionRecorder.recordRead(audit, AuditAction.IMAGE_VIEWED, p, firstRead, ""));
        return prediction.map(p -> em.find(StoredImage.class, p.imageSha256()));
    }

    /** The caller's own prediction or a slice of a department study (PACS); another's looks like none. */
    private Optional<Prediction> reachable(String id) {
        if (id == null || !id.matches("[0-9a-f-]{36}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(Prediction.class, id)).filter(p -> p.clinician().equals(caller())
                || p.examinationId() != null && em.find(Examination.class, p.examinationId()).department());
    }

    private String caller() {
        return session.getCallerPrincipal().getName();
    }
}
