package org.strokescan.examination.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A request about an examination that breaks a rule; nothing of it is stored. The reason names the rule so
 * the UI can say it in the user's language.
 */
@ApplicationException(rollback = true)
public class ExaminationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** no such examination of the caller's */
        NOT_FOUND,
        /** the patient identifier is missing or not in the hospital's MRN format */
        PATIENT_ID_FORMAT,
        /** accession number or text longer than its column */
        TOO_LONG,
        /** signed examinations take no more slices */
        SIGNED,
        /** the examination already holds the most slices one may */
        FULL,
        /** signing needs at least one classified slice */
        NOTHING_TO_SIGN,
        /** an amendment needs a signature to amend, and a signature must not exist yet */
        WRONG_REVIEW_STATE
    }

    private final Reason reason;

    public ExaminationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
