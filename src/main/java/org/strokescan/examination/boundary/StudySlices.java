package org.strokescan.examination.boundary;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.examination.boundary.ExaminationException.Reason;
import org.strokescan.examination.control.ExaminationRepository;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationChanged;
import org.strokescan.examination.entity.PredictionOutcome;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.WorklistChanged;
import org.strokescan.inference.boundary.Classifier;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.StudyRule;

/**
 * Classifies one slice into an examination, in the calling bean's transaction: a clinician's upload and a slice of
 * a study the PACS sent go the same way, so their study verdicts cannot differ. The caller holds the examination's
 * row lock, so the study verdict always counts every slice.
 */
@Dependent
class StudySlices {

    @PersistenceContext
    EntityManager em;

    @Inject
    ExaminationRepository repository;

    @Inject
    Classifier classifier;

    @Inject
    PredictionRecorder recorder;

    @Inject
    Event<ExaminationChanged> changed;

    @Inject
    Event<WorklistChanged> worklist;

    @Inject
    @ConfigProperty(name = "strokescan.examination.max-slices")
    int maxSlices;

    /**
     * @param owner who the prediction is recorded for: the uploading clinician, or the sending system of a PACS study
     * @throws org.strokescan.inference.boundary.ModelNotReadyException when the model cannot classify; nothing is
     *                                                                  stored then
     */
    PredictionOutcome add(Examination examination, byte[] content, String fileName, String owner) {
        return add(examination, content, fileName, owner, null);
    }

    /** @param auditor writes the audit records; null: as the caller */
    PredictionOutcome add(Examination examination, byte[] content, String fileName, String owner,
                          Consumer<AuditEntry> auditor) {
        if (!examination.open()) {
            throw new ExaminationException(Reason.SIGNED, "The examination is signed; it takes no more slices.");
        }
        if (examination.sliceCount() >= maxSlices) {
            throw new ExaminationException(Reason.FULL, "The examination already holds " + maxSlices + " slices.");
        }
        // the PACS intake's worker (auditing as the system) has no caller for the clinicians' classifier
        Classification result = auditor == null ? classifier.classify(content) : classifier.classifyReceived(content);
        PredictionOutcome outcome = auditor == null
                ? recorder.record(result, content, fileName, owner, examination.patientId(), examination.id())
                : recorder.record(result, content, fileName, owner, examination.patientId(), examination.id(), auditor);
        switch (outcome) {
            case PredictionOutcome.Stored stored -> {
                // the study is scored by the model of its newest slice, over the slices that model classified
                double[] probabilities = repository.sliceProbabilities(examination.id(),
                        stored.prediction().modelChecksum());
                StudyRule rule = classifier.studyRuleFor(probabilities.length);
                examination.addSlice(stored.prediction(), rule.score(probabilities).probability(), rule.threshold());
                changed.fire(new ExaminationChanged(examination.id()));
                if (!examination.department()) {
                    // an upload's line changes slice by slice; a PACS study's once, when its verdict is complete
                    worklist.fire(new WorklistChanged(examination.id(), false));
                }
            }
            case PredictionOutcome.Rejected rejected -> {
                em.persist(new RejectedUpload(examination.id(), Instant.now(), fileName, rejected.refusal()));
                examination.addRejection();
            }
        }
        return outcome;
    }

    int maxSlices() {
        return maxSlices;
    }
}
