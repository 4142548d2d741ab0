package org.strokescan.inference.entity;

/**
 * The input gate's answer (the DICOM gate's too: it judges the header, the input gate the picture): whether an image looks like an axial head-CT slice, and if not, why, in words the
 * uploader can act on.
 */
public record GateVerdict(boolean accepted, Reason reason, String message) {

    /** Why an image was taken for something other than a head-CT slice. */
    public enum Reason implements RefusalReason {
        COLOUR,
        NO_AIR_AROUND_HEAD,
        MOSTLY_BLACK,
        NO_SKULL,
        TOO_MUCH_BRIGHT,
        NOT_BRAIN_WINDOW,
        NOT_SYMMETRIC,
        /** the learned gate of a model (2.0 and later) did not recognise an axial head-CT slice */
        NOT_HEAD_CT,
        /** a DICOM slice of another modality than CT */
        NOT_CT,
        /** a DICOM slice whose body part or descriptions name another body part than the head */
        NOT_HEAD,
        /** a DICOM localizer (scout) image */
        LOCALIZER,
        /** a DICOM derived or secondary image (reconstruction, screenshot, secondary capture) */
        DERIVED;

        @Override
        public Classification.Stage stage() {
            return Classification.Stage.GATE;
        }
    }

    public static GateVerdict accept() {
        return new GateVerdict(true, null, "looks like an axial head-CT slice");
    }

    public static GateVerdict reject(Reason reason, String message) {
        return new GateVerdict(false, reason, message);
    }
}
