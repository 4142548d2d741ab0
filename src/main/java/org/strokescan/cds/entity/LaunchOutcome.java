package org.strokescan.cds.entity;

/**
 * Where a card's link leads the signed-in user: the examination (as its clinician or as an auditor), or a page that
 * says why not.
 *
 * @param examinationId set for {@link Kind#CLINICIAN_PAGE} and {@link Kind#AUDITOR_PAGE}
 * @param owner         the clinician whose examination it is, for {@link Kind#NOT_YOURS}
 */
public record LaunchOutcome(Kind kind, String examinationId, String owner) {

    public enum Kind {
        CLINICIAN_PAGE, AUDITOR_PAGE,
        /** no card carries this token */
        UNKNOWN,
        /** the link was used before: each opens once */
        USED,
        EXPIRED,
        /** a clinician's manual uploads open to that clinician only; the link stays valid for them */
        NOT_YOURS
    }

    public static LaunchOutcome refused(Kind kind) {
        return new LaunchOutcome(kind, null, null);
    }
}
