package org.strokescan.web.clinician;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.primefaces.PrimeFaces;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;
import org.strokescan.examination.boundary.ExaminationException;
import org.strokescan.examination.boundary.Examinations;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.inference.boundary.ModelNotReadyException;
import org.strokescan.web.ExaminationPage;
import org.strokescan.web.Messages;

/**
 * One examination: upload its slices (each classified as it arrives), read the study verdict and every slice
 * with its heat map, then sign or amend the review. The page always shows what the database holds: it reads
 * the examination again after every change.
 */
@Named
@ViewScoped
public class ExaminationView extends ExaminationPage {

    private static final long serialVersionUID = 1L;
    /** The review form's client id, under which the outcome of signing is shown beside it. */
    static final String REVIEW_FORM = "reviewForm";

    @Inject
    Examinations examinations;


    /** Files of this page visit that never became a slice or a stored refusal (model down, examination full). */
    private final List<String> unprocessed = new ArrayList<>();
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

    /** Signs or amends; what comes of it is said beside the review form (the choice's own error beside the choice). */
    private void review(boolean amendment) {
        if (agrees == null) {
            Messages.errorAt(REVIEW_FORM + ":agrees", "review.choose");
            return;
        }
        try {
            if (amendment) {
                examinations.amend(id, agrees, comment);
            } else {
                examinations.sign(id, agrees, comment);
            }
            Messages.infoAt(REVIEW_FORM, amendment ? "review.amended" : "review.signed");
            // the page's script keeps the comment as typed until then (a session that ends loses nothing typed)
            PrimeFaces.current().ajax().addCallbackParam("reviewSaved", true);
            agrees = null;
            comment = null;
        } catch (ExaminationException e) {
            Messages.errorAt(REVIEW_FORM, messageKey(e), examinations.maxSlices());
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

    /** The hint above the upload area, with this server's limits (slices per examination, megabytes per file). */
    public String getUploadHint() {
        return Messages.text("upload.hint", examinations.maxSlices(), maxUploadBytes() / (1024.0 * 1024.0));
    }

    public String counts() {
        return Messages.text("upload.counts", record.examination().sliceCount(), examinations.maxSlices());
    }

    @Override
    protected Optional<DeliveryState> latestReport() {
        return reports.latest(id);
    }

    public int getMaxSlices() { return examinations.maxSlices(); }
    public List<String> getUnprocessed() { return unprocessed; }
    public Boolean getAgrees() { return agrees; }
    public void setAgrees(Boolean agrees) { this.agrees = agrees; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }

    /**
     * The upload limit, for the hint above the upload area (the intake enforces it). Looked up, not injected: Weld
     * refuses a configuration value as a dependency of this view-scoped (passivating) bean, and the app would not
     * deploy.
     */
    private static long maxUploadBytes() {
        return ConfigProvider.getConfig().getValue("strokescan.upload.max-bytes", Long.class);
    }
}
