package org.strokescan.web.clinician;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.primefaces.model.LazyDataModel;
import org.strokescan.examination.boundary.Examinations;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationQuery;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.ReviewState;
import org.strokescan.examination.entity.Verdict;
import org.strokescan.web.Findings;
import org.strokescan.web.LazyRows;
import org.strokescan.web.Messages;

/** The clinician's own examinations: filtered and sorted in the database, one page at a time. */
@Named
@ViewScoped
public class ExaminationsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Examinations examinations;

    private LocalDate from;
    private LocalDate to;
    private String patientId;
    private Verdict verdict;
    private ReviewState reviewState;
    /** the review that stands now of each signed examination on the page last loaded, by examination id */
    private transient Map<String, Review> currentReviews;

    private final LazyDataModel<Examination> rows = new LazyRows<>("createdAt", Examination::id,
            () -> examinations.count(query()), this::page);

    /** One page of examinations; their current reviews are read with it, so that signed ones show the clinician's finding. */
    private List<Examination> page(int first, int pageSize, String field, boolean ascending) {
        List<Examination> page = examinations.search(query(), first, pageSize, field, ascending);
        currentReviews = examinations.currentReviews(page.stream().map(Examination::id).toList());
        return page;
    }

    private Review currentReview(Examination examination) {
        return currentReviews == null ? null : currentReviews.get(examination.id());
    }

    /** The signed clinical finding, which leads the row once signed; null before. */
    public String clinicalFinding(Examination examination) {
        Review review = currentReview(examination);
        return review == null ? null : Findings.clinician(review);
    }

    /** The AI's study finding: beside the clinician's once signed, else marked as not yet reviewed. */
    public String aiFinding(Examination examination) {
        return Findings.aiLine(examination.verdict(), examination.studyProbability(), currentReview(examination) != null);
    }

    ExaminationQuery query() {
        return new ExaminationQuery(LazyRows.startOf(from), LazyRows.endOf(to), null, LazyRows.blankToNull(patientId),
                verdict, reviewState);
    }

    public String format(Instant instant) {
        return Messages.dateTime(instant);
    }

    public String percent(Double probability) {
        return Messages.percent(probability);
    }

    public String verdictText(Verdict value) {
        return Messages.text("verdict." + value.name());
    }

    public String reviewStateText(ReviewState value) {
        return Messages.text("reviewState." + value.name());
    }

    public Verdict[] getVerdicts() { return Verdict.values(); }
    public ReviewState[] getReviewStates() { return ReviewState.values(); }
    public LazyDataModel<Examination> getRows() { return rows; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public Verdict getVerdict() { return verdict; }
    public void setVerdict(Verdict verdict) { this.verdict = verdict; }
    public ReviewState getReviewState() { return reviewState; }
    public void setReviewState(ReviewState reviewState) { this.reviewState = reviewState; }
}
