package org.strokescan.inference.entity;

import java.util.Objects;

/** The outcome of classifying one uploaded image: refused (by the intake or the input gate), or classified. */
public sealed interface Classification {

    /** Why an image was stopped (its reason names the stage that stopped it); {@code message} is for people. */
    record Refused(RefusalReason reason, String message) implements Classification {

        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        public Stage stage() {
            return reason.stage();
        }
    }

    /**
     * A probability from the model, the label at the model's threshold, and which model said it.
     *
     * @param positive    probability ≥ threshold: the finding is suspected
     * @param latencyNanos decode, gate, preprocessing and the engine call together
     * @param meanGrey    the decoded image's mean grey level, 0–255 (BT.601 luminance), or NaN where not measured
     */
    record Classified(float probability, boolean positive, double threshold, ModelIdentity model, ImageFormat format,
                      int width, int height, long latencyNanos, double meanGrey) implements Classification {

        /** A result whose image's grey level was not measured. */
        public Classified(float probability, boolean positive, double threshold, ModelIdentity model,
                          ImageFormat format, int width, int height, long latencyNanos) {
            this(probability, positive, threshold, model, format, width, height, latencyNanos, Double.NaN);
        }
    }

    enum Stage {
        /** unreadable, unsupported or too large */
        INTAKE,
        /** readable, but not a head-CT slice */
        GATE
    }
}
