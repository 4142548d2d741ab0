package org.strokescan.inference.entity;

/** What the intake made of an uploaded file: a decoded image, or a specific reason why not. */
public sealed interface IntakeResult {

    record Accepted(ImageFormat format, int bitDepth, GrayImage image) implements IntakeResult {
    }

    record Rejected(Reason reason, String message) implements IntakeResult {
    }

    /** Why a file was refused; each maps to a message the uploader can act on. */
    enum Reason {
        EMPTY,
        TOO_LARGE,
        UNSUPPORTED_TYPE,
        TOO_MANY_PIXELS,
        CORRUPT
    }
}
