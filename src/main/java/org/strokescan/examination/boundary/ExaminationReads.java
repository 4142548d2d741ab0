package org.strokescan.examination.boundary;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.strokescan.examination.control.ExaminationRepository;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.ModelTraffic;
import org.strokescan.examination.entity.PatientStudy;
import org.strokescan.examination.entity.StoredImage;

/**
 * Read access to examinations for other components (the FHIR reports), inside their caller's transaction. It checks
 * no role: each caller is a boundary that has checked its own (the report relay runs as the system; a clinician's
 * delivery state goes through {@link #owned}).
 */
@Dependent
public class ExaminationReads {

    @Inject
    ExaminationRepository repository;

    /** The examination with its slices, refusals and reviews. */
    public Optional<ExaminationRecord> record(String examinationId) {
        return repository.find(examinationId).map(repository::record);
    }

    /** The examination alone, without its slices, refusals and reviews. */
    public Optional<Examination> examination(String examinationId) {
        return repository.find(examinationId);
    }

    /**
     * The examination if {@code clinician} may work on it (their upload or a department study); another's upload
     * looks exactly like one that does not exist.
     */
    public Optional<Examination> reachable(String examinationId, String clinician) {
        return repository.reachable(examinationId, clinician, false);
    }

    /**
     * The patient's examinations with a study verdict created since {@code since}, newest first, at most {@code max}
     * (the EHR hooks: the caller is an EHR whose signed request was verified, reading for its user).
     */
    public List<PatientStudy> ofPatientSince(String patientId, Instant since, int max) {
        return repository.ofPatientSince(patientId, since, max);
    }

    /**
     * What model {@code modelName}/{@code modelVersion} classified and how clinicians judged it in [{@code from},
     * {@code to}), with every refusal of the window (the drift watch, which checks its callers' roles).
     */
    public ModelTraffic traffic(String modelName, String modelVersion, Instant from, Instant to) {
        return repository.traffic(modelName, modelVersion, from, to);
    }

    public StoredImage image(String sha256) {
        return repository.image(sha256);
    }
}
