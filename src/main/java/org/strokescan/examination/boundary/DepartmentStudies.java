package org.strokescan.examination.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.examination.boundary.ExaminationException.Reason;
import org.strokescan.examination.entity.DicomStudy;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.PredictionOutcome;
import org.strokescan.examination.entity.StudyArrival;
import org.strokescan.examination.entity.Verdict;
import org.strokescan.examination.entity.WorklistChanged;
import org.strokescan.platform.Role;

/**
 * Studies a PACS sends, as department examinations: the sending system opens one per StudyInstanceUID; the PACS
 * intake then classifies its slices and says when the verdict is complete. Clinicians work on them through
 * {@link Examinations} and {@link Worklist} like on their own uploads.
 */
@Stateless
public class DepartmentStudies {

    /** The actor of what the PACS intake's worker does (classifying, completing a study) in the audit trail. */
    static final String INTAKE = "pacs-intake";

    @PersistenceContext
    EntityManager em;

    @Inject
    StudySlices slices;

    @Inject
    PatientIdFormat patientIds;

    @Inject
    AuditTrail audit;

    @Inject
    Event<WorklistChanged> worklist;

    @Resource
    SessionContext session;

    /**
     * The department examination of this DICOM study, opened on its first instance (and on the worklist from then on,
     * pending until classified); refused when the study's PatientID is missing or not an MRN of the hospital.
     */
    @RolesAllowed(Role.INTEGRATION_NAME)
    public StudyArrival arrive(DicomStudy study) {
        Optional<Examination> known = byStudy(study.studyInstanceUid());
        if (known.isPresent()) {
            return StudyArrival.filed(known.get().id());
        }
        if (!patientIds.accepts(study.patientId())) {
            return StudyArrival.refused(study.patientId() == null
                    ? "The study has no PatientID (0010,0020); StrokeScan files studies under the patient's MRN."
                    : "The PatientID (0010,0020) is not in the hospital's MRN format.");
        }
        Examination examination = Examination.fromPacs(Instant.now(), session.getCallerPrincipal().getName(), study);
        em.persist(examination);
        em.flush(); // a concurrent first instance of the same study fails here, on the unique StudyInstanceUID
        audit.record(AuditEntry.success(AuditAction.EXAMINATION_CREATED, AuditSubject.patient(study.patientId()))
                .withDetail("examination " + examination.id() + " from the PACS; study " + study.studyInstanceUid()
                        + (study.accessionNumber() == null ? "" : "; accession " + study.accessionNumber())));
        worklist.fire(new WorklistChanged(examination.id(), false));
        return StudyArrival.filed(examination.id());
    }

    /**
     * Classifies one slice of a department study (its row locked, like an upload). Called by the PACS intake on its
     * worker, which has no caller: not reachable from any page or resource.
     */
    @PermitAll
    public PredictionOutcome addSlice(String examinationId, byte[] content, String fileName) {
        Examination examination = department(examinationId, true);
        return slices.add(examination, content, fileName, examination.clinician(),
                entry -> audit.recordSystem(INTAKE, entry));
    }

    /**
     * The study's slices of {@code series} are all classified (or refused): its verdict is complete. Audited, and
     * the worklist is told (with a notification when suspected). Called by the PACS intake's worker.
     */
    @PermitAll
    public void classified(String examinationId, String series, String note) {
        Examination examination = department(examinationId, true);
        examination.classified(series, Instant.now());
        String verdict = examination.sliceCount() == 0 ? "no slice could be classified"
                : String.format(Locale.ROOT, "%s, study probability %.4f over %d slices", examination.verdict(),
                examination.studyProbability(), examination.sliceCount());
        audit.recordSystem(INTAKE, AuditEntry.success(AuditAction.STUDY_CLASSIFIED,
                        AuditSubject.patient(examination.patientId()))
                .withDetail("examination " + examinationId + "; series " + series + "; " + verdict
                        + (examination.rejectedCount() == 0 ? "" : "; " + examination.rejectedCount() + " refused")
                        + (note == null ? "" : "; " + note)));
        worklist.fire(new WorklistChanged(examinationId, examination.verdict() == Verdict.SUSPECTED));
    }

    private Optional<Examination> byStudy(String studyInstanceUid) {
        return em.createQuery("select e from Examination e where e.studyInstanceUid = :uid", Examination.class)
                .setParameter("uid", studyInstanceUid).getResultStream().findFirst();
    }

    private Examination department(String examinationId, boolean lock) {
        Examination examination = em.find(Examination.class, examinationId,
                lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE);
        if (examination == null || !examination.department()) {
            throw new ExaminationException(Reason.NOT_FOUND, "No department study " + examinationId + " exists.");
        }
        return examination;
    }
}
