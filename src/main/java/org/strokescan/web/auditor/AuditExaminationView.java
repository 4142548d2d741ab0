package org.strokescan.web.auditor;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.strokescan.examination.boundary.ExaminationException;
import org.strokescan.examination.boundary.PredictionHistory;
import org.strokescan.fhir.boundary.ReportStates;
import org.strokescan.web.ExaminationPage;
import org.strokescan.web.Messages;

/** The auditor's drill-down: one examination exactly as its clinician saw it, read-only. */
@Named
@ViewScoped
public class AuditExaminationView extends ExaminationPage {

    private static final long serialVersionUID = 1L;

    @Inject
    PredictionHistory history;

    @Inject
    ReportStates reports;

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
    public String delivery() {
        if (!reports.deliveryEnabled()) {
            return Messages.text("examination.delivery.off");
        }
        return reports.latestOfAny(id).map(state -> Messages.text("examination.delivery." + state.name()))
                .orElse(Messages.text("examination.delivery.none"));
    }
}
