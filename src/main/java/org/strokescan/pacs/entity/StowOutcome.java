package org.strokescan.pacs.entity;

/**
 * What became of one instance of a STOW-RS request, as PS3.18 answers it: stored (also when it had been stored
 * before: a resend stores nothing twice) or failed with a DICOM failure reason and our own words.
 *
 * @param sopClassUid    null when the part could not be read as DICOM
 * @param sopInstanceUid null when the part could not be read as DICOM
 * @param failureReason  0 when stored, else the FailureReason (0008,1197) code
 */
public record StowOutcome(String sopClassUid, String sopInstanceUid, int failureReason, String message) {

    /** The instance could not be parsed, or its pixel data does not match its header. */
    public static final int CANNOT_UNDERSTAND = 0xC000;
    /** Too big, or one instance too many for its study. */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** Not of the study the request's URL names. */
    public static final int DATA_SET_DOES_NOT_MATCH = 0xA900;
    /** A transfer syntax this receiver cannot decode. */
    public static final int TRANSFER_SYNTAX_NOT_SUPPORTED = 0xC122;
    /** Readable, but not what StrokeScan classifies (not CT, not a head, a localizer, no MRN). */
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    /** Something went wrong on our side while storing it; the sender may retry. */
    public static final int PROCESSING_FAILURE = 0x0110;

    public static StowOutcome stored(String sopClassUid, String sopInstanceUid, String message) {
        return new StowOutcome(sopClassUid, sopInstanceUid, 0, message);
    }

    public static StowOutcome failed(String sopClassUid, String sopInstanceUid, int reason, String message) {
        return new StowOutcome(sopClassUid, sopInstanceUid, reason, message);
    }

    public boolean isStored() {
        return failureReason == 0;
    }
}
