package org.strokescan.inference.entity;

/** What the intake made of an uploaded file: a decoded image, or a specific reason why not. */
public sealed interface IntakeResult {

    /**
     * @param colourfulness mean over the pixels of (max − min channel) / full scale: 0 for a gray image, up to 1
     */
    record Accepted(ImageFormat format, int bitDepth, GrayImage image, double colourfulness) implements IntakeResult {
    }

    record Rejected(Reason reason, String message) implements IntakeResult {
    }

    /** Why a file was refused; each maps to a message the uploader can act on. */
    enum Reason implements RefusalReason {
        EMPTY,
        TOO_LARGE,
        UNSUPPORTED_TYPE,
        TOO_MANY_PIXELS,
        CORRUPT,
        /** a DICOM file in a transfer syntax that is not read (compressed, big endian, deflated) */
        UNSUPPORTED_TRANSFER_SYNTAX,
        /** a DICOM file that is not one grey frame of 8 or 16 bits (colour, several frames, other bit depths) */
        UNSUPPORTED_PIXEL_FORMAT,
        /** a DICOM file whose pixel data is cut short, or whose length does not match its header */
        TRUNCATED;

        @Override
        public Classification.Stage stage() {
            return Classification.Stage.INTAKE;
        }
    }
}
