package org.strokescan.inference.entity;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How a study's slices become one study verdict: the mean of the {@code k} highest slice logits (all slices when
 * there are fewer), scaled to a probability by {@code sigmoid(a · mean + b)}, suspected at or above
 * {@code threshold}. Order-free, so a series uploaded in any order gets the same verdict. The server, the CLI and
 * training all score studies through this one class.
 *
 * @param k         how many of the most suspicious slices count
 * @param a         scale of the study calibration
 * @param b         offset of the study calibration
 * @param threshold study probability at or above which the study is suspected
 */
public record StudyRule(int k, double a, double b, double threshold) {

    public StudyRule {
        if (k < 1) {
            throw new IllegalArgumentException("a study rule needs k >= 1, got " + k);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("study threshold must lie strictly between 0 and 1, got " + threshold);
        }
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("study calibration must be finite, got a=" + a + " b=" + b);
        }
    }

    /**
     * @param probability the study's probability
     * @param positive    at or above the study threshold
     * @param drivers     indices of the slices that made the score, most suspicious first
     */
    public record Score(double probability, boolean positive, List<Integer> drivers) {
    }

    /** The study's verdict from its slices' probabilities (in any order; at least one). */
    public Score score(double[] sliceProbabilities) {
        if (sliceProbabilities.length == 0) {
            throw new IllegalArgumentException("a study without a classified slice has no score");
        }
        List<Integer> drivers = top(sliceProbabilities);
        double probability = sigmoid(a * meanLogit(sliceProbabilities, drivers) + b);
        return new Score(probability, probability >= threshold, drivers);
    }

    /** The uncalibrated study score: the mean logit of the {@code k} most suspicious slices. */
    public static double meanTopLogit(double[] sliceProbabilities, int k) {
        return meanLogit(sliceProbabilities, top(sliceProbabilities, k));
    }

    private List<Integer> top(double[] p) {
        return top(p, k);
    }

    private static List<Integer> top(double[] p, int k) {
        return IntStream.range(0, p.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -p[i]).thenComparingInt(i -> i))
                .limit(k).toList();
    }

    private static double meanLogit(double[] p, List<Integer> indices) {
        return indices.stream().mapToDouble(i -> logit(p[i])).average().orElseThrow();
    }

    public static double logit(double p) {
        double q = Math.clamp(p, 1e-7, 1 - 1e-7);
        return Math.log(q / (1 - q));
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
