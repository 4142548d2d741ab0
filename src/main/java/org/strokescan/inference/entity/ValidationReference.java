package org.strokescan.inference.entity;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the model's outputs and inputs looked like on its validation data: the drift watch compares live traffic
 * against it. Stored in the model card; not part of its checksum (it decides no result).
 *
 * @param source              where the numbers come from, in one sentence
 * @param slices              validation slices counted
 * @param studies             validation studies (patients) counted
 * @param sliceQuantiles      the 0th to 100th percentile of the slice probabilities (101 values, ascending)
 * @param studyQuantiles      the 0th to 100th percentile of the study probabilities (101 values, ascending)
 * @param sliceFlagged        share of slices at or above the slice threshold
 * @param studyFlagged        share of studies at or above the study threshold
 * @param studyAgreement      share of studies whose verdict at the study threshold equals their label: the agreement
 *                            rate a clinician would reach who always found the truth
 * @param meanGreyQuantiles   the 0th to 100th percentile of the slices' mean grey level (0–255), or null when the
 *                            images were not at hand
 * @param imageSizes          share of slices by {@code WIDTHxHEIGHT}, or null when the images were not at hand
 */
public record ValidationReference(String source, int slices, int studies, List<Double> sliceQuantiles,
                                  List<Double> studyQuantiles, double sliceFlagged, double studyFlagged,
                                  double studyAgreement, List<Double> meanGreyQuantiles, Map<String, Double> imageSizes) {

    public static final int QUANTILES = 101;

    public ValidationReference {
        requireQuantiles("slice", sliceQuantiles);
        requireQuantiles("study", studyQuantiles);
        if (meanGreyQuantiles != null) {
            requireQuantiles("mean grey", meanGreyQuantiles);
            meanGreyQuantiles = List.copyOf(meanGreyQuantiles);
        }
        if (slices <= 0 || studies <= 0) {
            throw new IllegalArgumentException("a validation reference counts slices and studies");
        }
        sliceQuantiles = List.copyOf(sliceQuantiles);
        studyQuantiles = List.copyOf(studyQuantiles);
        imageSizes = imageSizes == null ? null : Collections.unmodifiableMap(new TreeMap<>(imageSizes));
    }

    private static void requireQuantiles(String what, List<Double> quantiles) {
        if (quantiles == null || quantiles.size() != QUANTILES) {
            throw new IllegalArgumentException("the reference's " + what + " quantiles must be " + QUANTILES + " values");
        }
        for (int i = 1; i < quantiles.size(); i++) {
            if (quantiles.get(i) < quantiles.get(i - 1)) {
                throw new IllegalArgumentException("the reference's " + what + " quantiles must ascend");
            }
        }
    }
}
