package org.strokescan.web.clinician;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.strokescan.examination.boundary.ExaminationException;
import org.strokescan.examination.boundary.Examinations;
import org.strokescan.examination.entity.Examination;
import org.strokescan.web.Messages;

/** The clinician's landing page: start an examination for a patient, then upload its slices. */
@Named
@RequestScoped
public class StartView {

    @Inject
    Examinations examinations;

    private String patientId;
    private String accessionNumber;
    private String clinicalNote;

    public String start() {
        try {
            Examination examination = examinations.start(patientId, accessionNumber, clinicalNote);
            return "/clinician/examination?faces-redirect=true&id=" + examination.id();
        } catch (ExaminationException e) {
            Messages.error(ExaminationView.messageKey(e), examinations.maxSlices());
            return null;
        }
    }

    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getAccessionNumber() { return accessionNumber; }
    public void setAccessionNumber(String accessionNumber) { this.accessionNumber = accessionNumber; }
    public String getClinicalNote() { return clinicalNote; }
    public void setClinicalNote(String clinicalNote) { this.clinicalNote = clinicalNote; }
}
