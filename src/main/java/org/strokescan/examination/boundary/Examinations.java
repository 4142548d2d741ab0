package org.strokescan.examination.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.examination.boundary.ExaminationException.Reason;
import org.strokescan.examination.control.ExaminationRepository;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationChanged;
import org.strokescan.examination.entity.ExaminationQuery;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionOutcome;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.WorklistChanged;
import org.strokescan.inference.boundary.ModelNotReadyException;
import org.strokescan.platform.Role;

/**
 * The signed-in clinician's examinations: start one for a patient, add slices (each classified as it arrives,
 * or kept as a refusal with its reason), read it back, sign the review and amend it. A clinician reaches their own
 * uploads and the department's studies from the PACS (the worklist), never another's uploads; every step is audited.
 */
@Stateless
@RolesAllowed(Role.CLINICIAN_NAME)
public class Examinations {

    @PersistenceContext
    EntityManager em;

    @Inject
    PredictionRecorder recorder;

    @Inject
    ExaminationRepository repository;

    @Inject
    StudySlices slices;

    @Inject
    AuditTrail audit;

    @Inject
    Event<ExaminationChanged> changed;

    @Inject
    Event<WorklistChanged> worklist;

    @Inject
    PatientIdFormat patientIds;

    @Resource
    SessionContext session;

    public Examination start(String patientId, String accessionNumber, String clinicalNote) {
        String patient = blankToNull(patientId);
        if (!patientIds.accepts(patient)) {
            throw new ExaminationException(Reason.PATIENT_ID_FORMAT,
                    "The patient identifier does not have the hospital's MRN format.");
        }
        String accession = blankToNull(accessionNumber);
        String note = blankToNull(clinicalNote);
        if (accession != null && accession.length() > Examination.MAX_ACCESSION_LENGTH
                || note != null && note.length() > Examination.MAX_NOTE_LENGTH) {
            throw new ExaminationException(Reason.TOO_LONG, "The accession number takes at most "
                    + Examination.MAX_ACCESSION_LENGTH + " characters, the note " + Examination.MAX_NOTE_LENGTH + ".");
        }
        Examination examination = new Examination(Instant.now(), caller(), patient, accession, note);
        em.persist(examination);
        worklist.fire(new WorklistChanged(examination.id(), false));
        audit.record(AuditEntry.success(AuditAction.EXAMINATION_CREATED, AuditSubject.patient(patient))
                .withDetail("examination " + examination.id()
                        + (accession == null ? "" : "; accession " + accession)));
        return examination;
    }

    /**
     * Classifies one uploaded slice into the examination. Uploads of one examination are taken one at a time
     * (a row lock), so its study verdict always counts every slice.
     *
     * @throws ModelNotReadyException when the model cannot classify; nothing is stored then
     */
    public PredictionOutcome addSlice(String examinationId, byte[] content, String fileName) {
        return addSlice(examinationId, content, fileName, null);
    }

    /**
     * As {@link #addSlice(String, byte[], String)}; with the client's Idempotency-Key, an upload sent again (its
     * answer was lost) stores nothing and is answered with what the first stored. Checked under the examination's
     * lock, so two copies sent at once store one slice.
     */
    public PredictionOutcome addSlice(String examinationId, byte[] content, String fileName, String idempotencyKey) {
        Examination examination = repository.reachable(examinationId, caller(), true).orElseThrow(this::notFound);
        if (idempotencyKey == null) {
            return slices.add(examination, content, fileName, caller());
        }
        Optional<Prediction> earlier = recorder.storedUnder(caller(), idempotencyKey);
        if (earlier.isPresent()) {
            return new PredictionOutcome.Stored(earlier.get());
        }
        PredictionOutcome outcome = slices.add(examination, content, fileName, caller());
        recorder.keep(outcome, caller(), idempotencyKey);
        return outcome;
    }

    /** The caller's examination as they see it; opening it is audited as a view of the patient's record. */
    public ExaminationRecord open(String examinationId) {
        Examination examination = repository.reachable(examinationId, caller(), false).orElseThrow(this::notFound);
        if (examination.department() && examination.openedBy() == null) {
            // locked and read again: the intake's worker or a colleague may be changing it, and this write would
            // otherwise put their verdict or signature back as it was when read
            em.refresh(examination, LockModeType.PESSIMISTIC_WRITE);
            examination.openedBy(caller(), Instant.now()); // the worklist shows who has it in hand
            worklist.fire(new WorklistChanged(examination.id(), false));
        }
        audit.record(AuditEntry.success(AuditAction.EXAMINATION_VIEWED,
                AuditSubject.patient(examination.patientId())).withDetail("examination " + examination.id()));
        return repository.record(examination);
    }

    /** Signs the AI finding as agreed or not; the examination is final from then on. */
    public Review sign(String examinationId, boolean agrees, String comment) {
        return review(examinationId, agrees, comment, false);
    }

    /** Corrects a signed review; the signature and every earlier amendment stay as they were. */
    public Review amend(String examinationId, boolean agrees, String comment) {
        return review(examinationId, agrees, comment, true);
    }

    private Review review(String examinationId, boolean agrees, String comment, boolean amendment) {
        Examination examination = repository.reachable(examinationId, caller(), true).orElseThrow(this::notFound);
        String text = blankToNull(comment);
        if (text != null && text.length() > Examination.MAX_NOTE_LENGTH) {
            throw new ExaminationException(Reason.TOO_LONG,
                    "A review comment takes at most " + Examination.MAX_NOTE_LENGTH + " characters.");
        }
        if (examination.sliceCount() == 0) {
            throw new ExaminationException(Reason.NOTHING_TO_SIGN, "The examination has no classified slice to sign.");
        }
        List<Review> earlier = repository.reviews(examination);
        if (amendment == examination.open()) {
            // two clinicians may sign a department study at once: the row lock lets one through, the other learns who
            throw new ExaminationException(Reason.WRONG_REVIEW_STATE, amendment
                    ? "Only a signed examination can be amended." : "The examination is already signed by "
                    + earlier.getFirst().signedBy() + " at " + earlier.getFirst().signedAt() + "; amend it.");
        }
        Review review = new Review(examination, earlier.size() + 1, caller(), Instant.now(), agrees, text);
        em.persist(review);
        examination.reviewed();
        changed.fire(new ExaminationChanged(examination.id()));
        worklist.fire(new WorklistChanged(examination.id(), false));
        audit.record(AuditEntry.success(amendment ? AuditAction.EXAMINATION_AMENDED : AuditAction.EXAMINATION_SIGNED,
                AuditSubject.patient(examination.patientId())).withDetail(String.format(Locale.ROOT,
                "examination %s; review %d; %s the AI verdict %s; clinician's finding %s", examination.id(),
                review.sequence(), agrees ? "agrees with" : "disagrees with", examination.verdict(), review.finding())));
        return review;
    }

    public List<Examination> search(ExaminationQuery query, int first, int max, String sortField, boolean ascending) {
        return repository.search(query.forClinician(caller()), first, max, sortField, ascending);
    }

    public long count(ExaminationQuery query) {
        return repository.count(query.forClinician(caller()));
    }

    /** The review that stands now of each of these examinations of the caller's that has one, by examination id. */
    public Map<String, Review> currentReviews(Collection<String> examinationIds) {
        return repository.currentReviews(examinationIds, caller());
    }

    /** The most slices one examination takes. */
    public int maxSlices() {
        return slices.maxSlices();
    }

    private ExaminationException notFound() {
        return new ExaminationException(Reason.NOT_FOUND, "No such examination of yours exists.");
    }

    private String caller() {
        return session.getCallerPrincipal().getName();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
