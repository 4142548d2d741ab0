package org.strokescan.examination.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.examination.control.ExaminationRepository;
import org.strokescan.examination.control.PredictionRepository;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.HistoryStatistics;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionQuery;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.ExaminationSource;
import org.strokescan.examination.entity.ReviewState;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.entity.Explanation;
import org.strokescan.platform.Role;

/** Every clinician's predictions, read-only, for auditors: filtered, sorted and paged in the database. */
@Stateless
@RolesAllowed(Role.AUDITOR_NAME)
public class PredictionHistory {

    @Inject
    PredictionRepository repository;

    @Inject
    ExaminationRepository examinations;

    @Inject
    Models models;

    @Inject
    AuditTrail audit;

    /**
     * One page of predictions, recorded as a read: which filter, which rows. A list filtered to one patient
     * concerns that patient; any other concerns the prediction history as a whole. Counts and chart statistics
     * show no patient and are not recorded.
     */
    public List<Prediction> search(PredictionQuery query, int first, int max, String sortField, boolean ascending) {
        List<Prediction> page = repository.search(query, first, Math.min(max, 500), sortField, ascending);
        audit.record(AuditEntry.success(AuditAction.PREDICTIONS_LISTED,
                        query.patientId() == null ? "prediction history" : AuditSubject.patient(query.patientId()))
                .withDetail("rows " + first + "+" + page.size() + " sorted by " + sortField
                        + (ascending ? " ascending" : " descending") + ", filter: " + query));
        return page;
    }

    public long count(PredictionQuery query) {
        return repository.count(query);
    }

    /** Counts for the charts over the filtered predictions (the newest 100,000 at most). */
    public HistoryStatistics statistics(PredictionQuery query) {
        return repository.statistics(query, 100_000);
    }

    /** The review state of each listed examination. */
    public Map<String, ReviewState> reviewStates(Collection<String> examinationIds) {
        return repository.reviewStates(examinationIds);
    }

    /** Where each listed examination came from: the PACS or a clinician's upload. */
    public Map<String, ExaminationSource> sources(Collection<String> examinationIds) {
        return repository.sources(examinationIds);
    }

    /** The review that stands now of each listed examination that has one: the clinician's finding, by whom, when. */
    public Map<String, Review> currentReviews(Collection<String> examinationIds) {
        return examinations.currentReviews(examinationIds, null);
    }

    /**
     * The examination as its clinician saw it, for the auditor's drill-down; recorded as a view of the patient's
     * record by the auditor.
     */
    public ExaminationRecord examination(String id) {
        Examination examination = examinations.find(id == null ? "" : id)
                .orElseThrow(() -> new ExaminationException(ExaminationException.Reason.NOT_FOUND, "No examination " + id + " exists."));
        audit.record(AuditEntry.success(AuditAction.EXAMINATION_VIEWED, AuditSubject.patient(examination.patientId()))
                .withDetail("examination " + examination.id() + " (audit)"));
        return examinations.record(examination);
    }

    /**
     * The uploaded image of any prediction, as stored; recorded as the auditor's read when {@code firstRead}
     * says so (see {@link Predictions#image}).
     */
    public Optional<StoredImage> image(String predictionId, Predicate<String> firstRead) {
        Optional<Prediction> prediction = prediction(predictionId);
        prediction.ifPresent(p -> PredictionRecorder.recordRead(audit, AuditAction.IMAGE_VIEWED, p, firstRead,
                " (audit)"));
        return prediction.map(p -> examinations.image(p.imageSha256()));
    }

    /**
     * The heat map of any prediction, while the model that made it is the active one; recorded as the auditor's
     * read when {@code firstRead} says so.
     */
    public Optional<byte[]> heatmap(String predictionId, Predicate<String> firstRead) {
        Optional<Prediction> prediction = prediction(predictionId);
        if (prediction.isEmpty() || !prediction.get().modelChecksum().equals(models.status().checksum())) {
            return Optional.empty();
        }
        Optional<byte[]> png = models.explain(examinations.image(prediction.get().imageSha256()).content())
                .flatMap(Explanation::png);
        png.ifPresent(map -> PredictionRecorder.recordRead(audit, AuditAction.HEATMAP_VIEWED, prediction.get(),
                firstRead, " (audit)"));
        return png;
    }

    private Optional<Prediction> prediction(String id) {
        return id == null || !id.matches("[0-9a-f-]{36}") ? Optional.empty() : repository.find(id);
    }

    /** Recorded before the file is written: which rows left the system, in which format. */
    public void exported(String format, PredictionQuery query, long rows) {
        audit.record(AuditEntry.success(AuditAction.AUDIT_EXPORTED, "prediction history")
                .withDetail("format=" + format + " rows=" + rows + " filter: " + query));
    }
}
