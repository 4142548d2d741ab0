package org.strokescan.inference.entity;

/**
 * How a model wants its input prepared. It is read from the model card, so a model and its preprocessing
 * cannot drift apart, and training writes the same record into the card it exports.
 *
 * @param inputSize      side of the square input, in pixels
 * @param normalisation  how intensities are scaled after resizing
 * @param medianKernel   side of the median filter applied after resizing; 0 for none, else odd and at least 3
 */
public record PreprocessingSpec(int inputSize, Normalisation normalisation, int medianKernel) {

    public enum Normalisation {
        /** intensities as decoded, in [0, 1] */
        NONE,
        /** stretched so the darkest pixel is 0 and the brightest 1 */
        MIN_MAX,
        /** zero mean and unit variance over the image (not the padding) */
        STANDARDIZE
    }

    public PreprocessingSpec {
        if (inputSize < 8 || inputSize > 2048) {
            throw new IllegalArgumentException("input size must be 8–2048 pixels, got " + inputSize);
        }
        if (normalisation == null) {
            throw new IllegalArgumentException("normalisation is required");
        }
        if (medianKernel != 0 && (medianKernel < 3 || medianKernel % 2 == 0 || medianKernel > 9)) {
            throw new IllegalArgumentException("median kernel must be 0 or odd between 3 and 9, got " + medianKernel);
        }
    }
}
