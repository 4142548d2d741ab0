package org.strokescan.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        // counts per bin over all slices and per fold; the other folds' counts are their difference
        int[] positives = new int[BINS];
        int[] counts = new int[BINS];
        Map<Integer, int[][]> byFold = new HashMap<>();
        for (ScoredSlice s : slices) {
            if (!Double.isNaN(s.position())) {
                int[][] fold = byFold.computeIfAbsent(s.fold(), f -> new int[2][BINS]);
                int bin = bin(s.position());
                counts[bin]++;
                positives[bin] += s.truth();
                fold[0][bin]++;
                fold[1][bin] += s.truth();
            }
        }
        List<ScoredSlice> scored = new ArrayList<>();
        for (ScoredSlice s : slices) {
            if (Double.isNaN(s.position())) {
                scored.add(s.withProbability(Double.NaN));
                continue;
            }
            int bin = bin(s.position());
            int[][] own = byFold.get(s.fold());
            scored.add(s.withProbability((positives[bin] - own[1][bin] + 1.0) / (counts[bin] - own[0][bin] + 2.0)));
        }
        return scored;
    }

    private static int bin(double position) {
        return Math.clamp((int) (position * BINS), 0, BINS - 1);
    }
}
