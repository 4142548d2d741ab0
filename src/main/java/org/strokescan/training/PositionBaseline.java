package org.strokescan.training;

import java.util.ArrayList;
import java.util.List;

/**
 * A model that sees only where in the head a slice lies: the share of haemorrhage slices among the training folds'
 * slices at the same height (ten bins from skull base to vertex, with add-one smoothing). Whatever a CNN scores
 * above this, it did not learn from the slice's level alone.
 */
public final class PositionBaseline {

    private static final int BINS = 10;

    private PositionBaseline() {
    }

    /** Out-of-fold baseline scores, each fold scored from the other folds; slices without a position score NaN. */
    public static List<ScoredSlice> outOfFold(List<ScoredSlice> slices) {
        List<ScoredSlice> scored = new ArrayList<>();
        for (ScoredSlice slice : slices) {
            int[] positives = new int[BINS];
            int[] counts = new int[BINS];
            for (ScoredSlice other : slices) {
                if (other.fold() != slice.fold() && !Double.isNaN(other.position())) {
                    counts[bin(other.position())]++;
                    positives[bin(other.position())] += other.truth();
                }
            }
            double score = Double.isNaN(slice.position()) ? Double.NaN
                    : (positives[bin(slice.position())] + 1.0) / (counts[bin(slice.position())] + 2.0);
            scored.add(slice.withProbability(score));
        }
        return scored;
    }

    private static int bin(double position) {
        return Math.clamp((int) (position * BINS), 0, BINS - 1);
    }
}
