package org.strokescan.examination.entity;

import java.time.LocalDateTime;

/**
 * What a DICOM study says about itself, as a PACS examination keeps it: the patient (PatientID is the MRN, with its
 * issuer), the accession number, when the study was made and the physicians it names. Absent values are null.
 */
public record DicomStudy(String studyInstanceUid, String patientId, String issuerOfPatientId, String accessionNumber,
                         LocalDateTime studyTime, String referringPhysician, String performingPhysician) {
}
