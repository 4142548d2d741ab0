package org.strokescan.web;

import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.Verdict;
import org.strokescan.fhir.boundary.ReportStates;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.entity.StudyRule;

/**
 * What every page that shows an examination's result needs (the clinician's own page and the auditor's
 * drill-down): the record, the slice in the viewer, and the result in the viewer's words and numbers. The pages
 * share one template, {@code WEB-INF/templates/examination-result.xhtml}.
 */
public abstract class ExaminationPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Models models;

    protected String id;
    protected ExaminationRecord record;
    /** The slice in the viewer; none chosen means the most suspicious. */
    private String selectedId;

    @Inject
    protected ReportStates reports;

    /** The state of the examination's latest EHR report, as far as the viewer may know it. */
    protected abstract Optional<DeliveryState> latestReport();

    /** Where the report to the EHR stands, in words. */
    public String delivery() {
        if (!reports.deliveryEnabled()) {
            return Messages.text("examination.delivery.off");
        }
        return latestReport().map(state -> Messages.text("examination.delivery." + state.name()))
                .orElse(Messages.text("examination.delivery.none"));
    }

    /**
     * The refusal in words: the category the reader acts on, then what it means. The intake and the gate word
     * their refusal in English (it is stored, audited and answered by the API so), with the numbers of this file:
     * English readers get those words, others the bundle's explanation of the category.
     */
    public String reason(RejectedUpload rejection) {
        String detail = Messages.isEnglish() ? rejection.message() : Messages.text("reject." + rejection.reason() + ".detail");
        return Messages.text("reject." + rejection.reason()) + " (" + detail + ")";
    }

    public Prediction getSelected() {
        if (record == null) {
            return null;
        }
        return record.slices().stream().filter(p -> p.id().equals(selectedId)).findFirst()
                .orElse(record.slices().isEmpty() ? null : record.slices().getFirst());
    }

    /** A heat map explains a probability only while the model that made it is active: it is computed again. */
    public boolean heatmapAvailable(Prediction prediction) {
        return prediction != null && prediction.modelChecksum().equals(models.status().checksum());
    }

    public String label(Prediction prediction) {
        if (prediction == null) {
            return "";
        }
        return Messages.text(prediction.positive() ? "result.positive" : "result.negative");
    }

    public String verdict() {
        return Messages.text("verdict." + record.examination().verdict().name());
    }

    /** The review that stands now, or null while the study is not signed. */
    private Review currentReview() {
        return record == null ? null : record.currentReview().orElse(null);
    }

    public boolean isReviewed() {
        return currentReview() != null;
    }

    /** The signed clinical finding, which leads the verdict box once the study is signed; null before. */
    public String clinicalFinding() {
        Review review = currentReview();
        return review == null ? null : Findings.clinician(review);
    }

    /** What the AI verdict beside it is: triage no one has reviewed yet, or the AI's finding next to the clinician's. */
    public String verdictSource() {
        return Messages.text(isReviewed() ? "finding.source.ai" : "finding.source.unreviewed");
    }

    /** The finding the verdict box is coloured by: the clinician's once signed, the AI's before. */
    public Verdict shownVerdict() {
        Review review = currentReview();
        return review == null ? record.examination().verdict() : review.finding();
    }

    /** The study bar's lead once signed: "Clinician: no haemorrhage"; empty before. */
    public String barClinicalFinding() {
        Review review = currentReview();
        return review == null ? ""
                : Messages.text("bar.clinician", Messages.text("finding.clinician." + review.finding().name()));
    }

    /** The study bar's AI finding, with its study probability, named as unreviewed triage until signed. */
    public String barAiFinding() {
        Examination examination = record.examination();
        return Findings.aiLine(examination.verdict(), examination.studyProbability(), isReviewed());
    }

    public String barSlices() {
        return Messages.text("bar.slices", record.examination().sliceCount(), record.examination().rejectedCount());
    }

    public String reviewState(Examination examination) {
        return Messages.text("reviewState." + examination.reviewState().name());
    }

    public String reviewSummary(Review review) {
        return Messages.text(review.amendment() ? "review.amendmentBy" : "review.signatureBy", review.signedBy(),
                Messages.dateTime(review.signedAt()),
                Messages.text(review.agrees() ? "review.agree" : "review.disagree"));
    }

    public String summary() {
        Examination examination = record.examination();
        if (examination.studyProbability() != null && examination.studyThreshold() != null) {
            return Messages.text("examination.studySummary", Messages.percent(examination.studyProbability()),
                    Messages.percent(examination.studyThreshold()), examination.sliceCount(),
                    Messages.percent(examination.maxProbability()), examination.rejectedCount(),
                    studyRule().map(StudyRule::k).orElse(0)); // 0: the rule is not known (another model is active)
        }
        return Messages.text("examination.summary", examination.sliceCount(),
                Messages.percent(examination.maxProbability()), examination.rejectedCount());
    }

    /**
     * The rule that scored this examination, while the model of its most suspicious slice is the active one (its
     * card says how many of that model's most suspicious slices made the study score).
     */
    private Optional<StudyRule> studyRule() {
        if (record == null || record.slices().isEmpty()) {
            return Optional.empty();
        }
        String checksum = record.slices().getFirst().modelChecksum();
        long slices = record.slices().stream().filter(p -> p.modelChecksum().equals(checksum)).count();
        return models.status().card().filter(card -> card.checksum().equals(checksum))
                .map(card -> card.studyRuleFor((int) slices));
    }

    /** The folded slice list's summary line: how many slices it holds. */
    public String sliceCount() {
        return Messages.text("slices.count", record.slices().size());
    }

    /** Whether the slice is one of those that made the study's score (the most suspicious, slices ordered so). */
    public boolean drove(Prediction prediction) {
        Optional<StudyRule> rule = studyRule();
        return rule.isPresent() && record.examination().studyProbability() != null
                && record.slices().indexOf(prediction) < rule.get().k();
    }

    public String viewerTitle() {
        Prediction selected = getSelected();
        return Messages.text("viewer.title", selected.fileName() == null ? selected.imageSha256().substring(0, 12)
                : selected.fileName());
    }

    public String percent(double probability) {
        return Messages.percent(probability);
    }

    public String format(Instant instant) {
        return Messages.dateTime(instant);
    }

    /** A probability as a position on the gauge's 0–100 scale (SVG user units, so never a locale's comma). */
    public String gauge(double probability) {
        return String.format(Locale.ROOT, "%.1f", Math.clamp(probability, 0, 1) * 100);
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public ExaminationRecord getRecord() { return record; }
    public Examination getExamination() { return record == null ? null : record.examination(); }
    public String getSelectedId() { return selectedId; }
    public void setSelectedId(String selectedId) { this.selectedId = selectedId; }
}
