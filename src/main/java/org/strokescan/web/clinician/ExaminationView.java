package org.strokescan.web.clinician;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;
import org.strokescan.examination.boundary.ExaminationException;
import org.strokescan.examination.boundary.Examinations;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.Review;
import org.strokescan.fhir.boundary.ReportStates;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.boundary.ModelNotReadyException;
import org.strokescan.web.Messages;

/**
 * One examination: upload its slices (each classified as it arrives), read the study verdict and every slice
 * with its heat map, then sign or amend the review. The page always shows what the database holds: it reads
 * the examination again after every change.
 */
@Named
@ViewScoped
public class ExaminationView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Examinations examinations;

    @Inject
    Models models;

    @Inject
    ReportStates reports;

    private String id;
    private ExaminationRecord record;
    /** Files of this page visit that never became a slice or a stored refusal (model down, examination full). */
    private final List<String> unprocessed = new ArrayList<>();
    /** The slice in the viewer; none chosen means the most suspicious. */
    private String selectedId;
    private Boolean agrees;
    private String comment;

    /** f:viewAction: reads the examination named in the address, or says it does not exist. */
    public void load() {
        try {
            record = examinations.open(id);
        } catch (ExaminationException e) {
            record = null;
            Messages.error(messageKey(e), examinations.maxSlices());
        }
    }

    public void upload(FileUploadEvent event) {
        UploadedFile file = event.getFile();
        String name = file.getFileName();
        try (InputStream in = file.getInputStream()) {
            examinations.addSlice(id, in.readAllBytes(), name);
        } catch (ExaminationException e) {
            unprocessed.add(Messages.text("examination.unprocessed", name, Messages.text(messageKey(e),
                    examinations.maxSlices())));
        } catch (ModelNotReadyException e) {
            unprocessed.add(Messages.text("examination.unprocessed", name, Messages.text("examination.modelNotReady")));
        } catch (IOException e) {
            unprocessed.add(Messages.text("examination.unprocessed", name, Messages.text("reject.CORRUPT")));
        }
        reload();
    }

    public void sign() {
        review(false);
    }

    public void amend() {
        review(true);
    }

    private void review(boolean amendment) {
        if (agrees == null) {
            Messages.error("review:agrees", "review.choose");
            return;
        }
        try {
            if (amendment) {
                examinations.amend(id, agrees, comment);
            } else {
                examinations.sign(id, agrees, comment);
            }
            Messages.info(amendment ? "review.amended" : "review.signed");
            agrees = null;
            comment = null;
        } catch (ExaminationException e) {
            Messages.error(messageKey(e), examinations.maxSlices());
        }
        reload();
    }

    private void reload() {
        record = examinations.open(id);
    }

    /** The bundle key that says an examination rule in words. */
    static String messageKey(ExaminationException e) {
        return "examination.error." + e.reason().name();
    }

    /** The refusal in words: the category the clinician acts on, then the intake's or gate's own words. */
    public String reason(RejectedUpload rejection) {
        return Messages.text("reject." + rejection.reason()) + " (" + rejection.message() + ")";
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
        return Messages.text("examination.summary", examination.sliceCount(),
                Messages.percent(examination.maxProbability()), examination.rejectedCount());
    }

    public String counts() {
        return Messages.text("upload.counts", record.examination().sliceCount(), examinations.maxSlices());
    }

    public String viewerTitle() {
        Prediction selected = getSelected();
        return Messages.text("viewer.title", selected.fileName() == null ? selected.imageSha256().substring(0, 12)
                : selected.fileName());
    }

    /** Where the report to the EHR stands, in words; the delivery is the hospital's record of this result. */
    public String delivery() {
        if (!reports.deliveryEnabled()) {
            return Messages.text("examination.delivery.off");
        }
        return reports.latest(id).map(state -> Messages.text("examination.delivery." + state.name()))
                .orElse(Messages.text("examination.delivery.none"));
    }

    public String percent(double probability) {
        return Messages.percent(probability);
    }

    public String format(Instant instant) {
        return Messages.dateTime(instant);
    }

    /** Whole percent for the gauge. */
    public long gauge(double probability) {
        return Math.round(probability * 100);
    }

    public int getMaxSlices() { return examinations.maxSlices(); }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public ExaminationRecord getRecord() { return record; }
    public Examination getExamination() { return record == null ? null : record.examination(); }
    public List<String> getUnprocessed() { return unprocessed; }
    public String getSelectedId() { return selectedId; }
    public void setSelectedId(String selectedId) { this.selectedId = selectedId; }
    public Boolean getAgrees() { return agrees; }
    public void setAgrees(Boolean agrees) { this.agrees = agrees; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
