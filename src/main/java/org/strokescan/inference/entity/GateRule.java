package org.strokescan.inference.entity;

/**
 * The learned input gate a model carries: a second output of its graph, the probability that the image is an
 * axial head-CT slice, computed on the same backbone features as the finding; images below {@code threshold} are
 * refused before a finding is reported.
 *
 * @param threshold probability of "head CT" at or above which an image is accepted
 */
public record GateRule(double threshold) {

    public GateRule {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("gate threshold must lie strictly between 0 and 1, got " + threshold);
        }
    }
}
