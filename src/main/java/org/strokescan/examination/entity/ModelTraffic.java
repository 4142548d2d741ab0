package org.strokescan.examination.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one model version was shown and said within a window: the drift watch's input.
 *
 * @param slices     every slice it classified
 * @param studies    every examination with a study probability whose slices it classified
 * @param refusals   uploads refused in the window (any model), by {@code STAGE: REASON}
 * @param reviews    current reviews (signature or latest amendment) signed in the window of those examinations
 * @param agreements how many of those reviews agree with the model's verdict
 */
public record ModelTraffic(List<Slice> slices, List<Study> studies, Map<String, Long> refusals, long reviews,
                           long agreements) {

    public ModelTraffic {
        slices = List.copyOf(slices);
        studies = List.copyOf(studies);
        refusals = Map.copyOf(refusals);
    }

    /**
     * One classified slice: when, its probability, whether it was flagged, the stored image's size and its mean grey
     * level (0–255; null for predictions made before it was kept).
     */
    public record Slice(Instant at, double probability, boolean positive, int width, int height, Double meanGrey) {
    }

    /** One examination's study probability and whether its verdict was suspected. */
    public record Study(double probability, boolean suspected) {
    }

    public long refused() {
        return refusals.values().stream().mapToLong(Long::longValue).sum();
    }
}
