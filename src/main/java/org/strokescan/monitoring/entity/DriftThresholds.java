package org.strokescan.monitoring.entity;

/**
 * When a drift metric raises the alarm (the {@code strokescan.drift.*} keys).
 *
 * @param psi              population stability index of slice or study probabilities above which it alarms
 * @param ksAlpha          Kolmogorov–Smirnov p-value below which it alarms
 * @param flaggedTolerance largest absolute difference of the flagged share (slices, studies) from the reference
 * @param refusalShare     largest share of uploads refused by the intake or the input gate
 * @param agreementDrop    largest drop of the clinicians' agreement rate below the reference's
 * @param sizeDistance     largest total-variation distance of the image sizes' shares from the reference's
 * @param minSamples       fewest observations a metric needs before it may alarm
 */
public record DriftThresholds(double psi, double ksAlpha, double flaggedTolerance, double refusalShare,
                              double agreementDrop, double sizeDistance, int minSamples) {

    /** The defaults of the configuration. */
    public static final DriftThresholds DEFAULTS = new DriftThresholds(0.25, 0.001, 0.15, 0.10, 0.15, 0.5, 30);
}
