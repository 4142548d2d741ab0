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

    /** The confusion matrix with each distinct probability as the threshold, lowest threshold first. */
    public static List<AtThreshold> curve(double[] probabilities, int[] truth) {
        // one sweep over the cases sorted by probability: below index i everything is called negative
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));
        int positives = (int) Arrays.stream(truth).filter(t -> t == 1).count();
        int negatives = truth.length - positives;
        List<AtThreshold> curve = new ArrayList<>();
        int positivesBelow = 0;
        int negativesBelow = 0;
        for (int i = 0; i < order.length; i++) {
            if (i == 0 || probabilities[order[i]] != probabilities[order[i - 1]]) {
                curve.add(new AtThreshold(probabilities[order[i]], positives - positivesBelow,
                        negatives - negativesBelow, negativesBelow, positivesBelow));
            }
            if (truth[order[i]] == 1) {
                positivesBelow++;
            } else {
                negativesBelow++;
            }
        }
        return curve;
    }

    /**
     * The highest threshold whose sensitivity reaches {@code targetSensitivity}, so specificity is as high as that
     * sensitivity allows.
     */
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

    /**
     * Expected calibration error: the share-weighted mean gap between the mean predicted probability and the
     * observed positive rate over ten equal-width probability bins.
     */
    public static double expectedCalibrationError(double[] p, int[] y) {
        double ece = 0;
        for (Bin bin : reliability(p, y, CALIBRATION_BINS)) {
            ece += (double) bin.count() / p.length * Math.abs(bin.meanProbability() - bin.observedRate());
        }
        return ece;
    }

    /** One bin of a reliability diagram: how many cases, their mean probability and their observed positive rate. */
    public record Bin(double from, double to, int count, double meanProbability, double observedRate) {
    }

    /** The non-empty bins of {@code bins} equal-width probability bins. */
    public static List<Bin> reliability(double[] p, int[] y, int bins) {
        double[] sum = new double[bins];
        double[] positives = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < p.length; i++) {
            int bin = Math.min(bins - 1, (int) (p[i] * bins));
            sum[bin] += p[i];
            positives[bin] += y[i];
            count[bin]++;
        }
        List<Bin> result = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                result.add(new Bin((double) b / bins, (double) (b + 1) / bins, count[b], sum[b] / count[b],
                        positives[b] / count[b]));
            }
        }
        return result;
    }

    public static final int CALIBRATION_BINS = 10;

    /**
     * Area under the precision–recall curve as average precision: the precision at each positive's rank, averaged
     * over the positives (cases tied in probability enter together).
     */
    public static double averagePrecision(double[] probabilities, int[] truth) {
        List<double[]> points = precisionRecall(probabilities, truth);
        double area = 0;
        double previousRecall = 0;
        for (double[] point : points) {
            area += (point[0] - previousRecall) * point[1];
            previousRecall = point[0];
        }
        return points.isEmpty() ? Double.NaN : area;
    }

    /** (recall, precision) at every distinct threshold, from the highest threshold down. */
    public static List<double[]> precisionRecall(double[] probabilities, int[] truth) {
        long positives = Arrays.stream(truth).filter(t -> t == 1).count();
        List<double[]> points = new ArrayList<>();
        if (positives == 0) {
            return points;
        }
        for (AtThreshold at : curve(probabilities, truth).reversed()) {
            points.add(new double[] {at.sensitivity(), at.precision()});
        }
        return points;
    }

    /** (1 − specificity, sensitivity) at every distinct threshold, from (0, 0) to (1, 1). */
    public static List<double[]> roc(double[] probabilities, int[] truth) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        for (AtThreshold at : curve(probabilities, truth).reversed()) {
            points.add(new double[] {1 - at.specificity(), at.sensitivity()});
        }
        points.add(new double[] {1, 1});
        return points;
    }
}
