package org.strokescan.web.clinician;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import org.primefaces.model.LazyDataModel;
import org.strokescan.examination.boundary.Examinations;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationQuery;
import org.strokescan.examination.entity.ReviewState;
import org.strokescan.examination.entity.Verdict;
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

    private final LazyDataModel<Examination> rows = new LazyRows<>("createdAt", Examination::id,
            () -> examinations.count(query()),
            (first, pageSize, field, ascending) -> examinations.search(query(), first, pageSize, field, ascending));

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
