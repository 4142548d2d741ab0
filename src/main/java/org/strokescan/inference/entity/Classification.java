package org.strokescan.inference.entity;

/** The outcome of classifying one uploaded image: refused (by the intake or the input gate), or classified. */
public sealed interface Classification {

    /** Where an image was stopped and why; {@code reason} is a stable code, {@code message} is for people. */
    record Refused(Stage stage, String reason, String message) implements Classification {
    }

    /**
     * A probability from the model, the label at the model's threshold, and which model said it.
     *
     * @param positive    probability ≥ threshold: the finding is suspected
     * @param latencyNanos decode, gate, preprocessing and the engine call together
     */
    record Classified(float probability, boolean positive, double threshold, ModelIdentity model, ImageFormat format,
                      int width, int height, long latencyNanos) implements Classification {
    }

    enum Stage {
        /** unreadable, unsupported or too large */
        INTAKE,
        /** readable, but not a head-CT slice */
        GATE
    }
}
