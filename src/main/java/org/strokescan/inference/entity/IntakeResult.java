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
        CORRUPT;

        @Override
        public Classification.Stage stage() {
            return Classification.Stage.INTAKE;
        }
    }
}
