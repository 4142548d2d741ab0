package org.strokescan.web.auditor;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.strokescan.examination.boundary.ExaminationException;
import org.strokescan.examination.boundary.PredictionHistory;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.web.ExaminationPage;
import org.strokescan.web.Messages;

/** The auditor's drill-down: one examination exactly as its clinician saw it, read-only. */
@Named
@ViewScoped
public class AuditExaminationView extends ExaminationPage {

    private static final long serialVersionUID = 1L;

    @Inject
    PredictionHistory history;

    /** f:viewAction: reads the examination named in the address (audited as a view of the patient's record). */
    public void load() {
        try {
            record = history.examination(id);
        } catch (ExaminationException e) {
            record = null;
            Messages.error("examination.error.NOT_FOUND");
        }
    }

    public String getClinician() {
        return record == null ? null : record.examination().clinician();
    }

    @Override
    protected Optional<DeliveryState> latestReport() {
        return reports.latestOfAny(id);
    }
}
