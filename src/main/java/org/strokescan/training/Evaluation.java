package org.strokescan.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Metrics of probabilities against 0/1 truth: ROC AUC, and the confusion-matrix rates at a threshold. */
public final class Evaluation {

    private Evaluation() {
    }

    /** Confusion-matrix rates at one threshold (a case is positive when its probability ≥ threshold). */
    public record AtThreshold(double threshold, int tp, int fp, int tn, int fn) {

        public double sensitivity() {
            return ratio(tp, tp + fn);
        }

        public double specificity() {
            return ratio(tn, tn + fp);
        }

        public double precision() {
            return ratio(tp, tp + fp);
        }

        public double accuracy() {
            return ratio(tp + tn, tp + tn + fp + fn);
        }

        public double f1() {
            return ratio(2.0 * tp, 2.0 * tp + fp + fn);
        }

        private static double ratio(double a, double b) {
            return b == 0 ? Double.NaN : a / b;
        }
    }

    public static AtThreshold at(double[] probabilities, int[] truth, double threshold) {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < probabilities.length; i++) {
            boolean predicted = probabilities[i] >= threshold;
            if (truth[i] == 1) {
                if (predicted) tp++; else fn++;
            } else {
                if (predicted) fp++; else tn++;
            }
        }
        return new AtThreshold(threshold, tp, fp, tn, fn);
    }

    /** Area under the ROC curve: the chance that a random positive scores above a random negative (ties half). */
    public static double auc(double[] probabilities, int[] truth) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && probabilities[order[j + 1]] == probabilities[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (truth[order[k]] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = probabilities.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The highest threshold whose sensitivity reaches {@code targetSensitivity} (so specificity is as high as that
     * sensitivity allows); the trade-off curve over all candidate thresholds comes with it.
     */
    public static List<AtThreshold> curve(double[] probabilities, int[] truth) {
        double[] candidates = Arrays.stream(probabilities).distinct().sorted().toArray();
        List<AtThreshold> curve = new ArrayList<>();
        for (double t : candidates) {
            curve.add(at(probabilities, truth, t));
        }
        return curve;
    }

    public static AtThreshold thresholdFor(double[] probabilities, int[] truth, double targetSensitivity) {
        AtThreshold chosen = at(probabilities, truth, 0);
        for (AtThreshold point : curve(probabilities, truth)) {
            if (point.sensitivity() >= targetSensitivity && point.threshold() > chosen.threshold()) {
                chosen = point;
            }
        }
        return chosen;
    }

    /** The metrics as the model card stores them, under a prefix such as {@code slice.}. */
    public static Map<String, Double> metrics(String prefix, double[] probabilities, int[] truth, double threshold) {
        AtThreshold at = at(probabilities, truth, threshold);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "auc", auc(probabilities, truth));
        m.put(prefix + "sensitivity", at.sensitivity());
        m.put(prefix + "specificity", at.specificity());
        m.put(prefix + "precision", at.precision());
        m.put(prefix + "f1", at.f1());
        m.put(prefix + "accuracy", at.accuracy());
        m.put(prefix + "positives", (double) (at.tp() + at.fn()));
        m.put(prefix + "negatives", (double) (at.tn() + at.fp()));
        return m;
    }
}
