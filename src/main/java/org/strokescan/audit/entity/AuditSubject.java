package org.strokescan.audit.entity;

/**
 * The subjects of audit records that concern a patient, written one way everywhere so that an auditor's search
 * for {@code patient MRN-1} finds every record of that patient, whichever component wrote it.
 */
public final class AuditSubject {

    /** The subject of an upload sent without a (valid) patient identifier. */
    public static final String NO_PATIENT = "no patient";

    private AuditSubject() {
    }

    /** {@code patient <id>}, or {@link #NO_PATIENT} for none. */
    public static String patient(String patientId) {
        return patientId == null ? NO_PATIENT : "patient " + patientId;
    }
}
