package org.strokescan.monitoring.control;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * The distribution comparisons of the drift watch, against a reference given as its 0th to 100th percentiles: the
 * population stability index over the reference's deciles and a one-sample Kolmogorov–Smirnov test against the
 * reference's distribution function, interpolated linearly between its percentiles (Apache Commons Statistics).
 */
public final class DriftStatistics {

    /** An empty bin counts as this share, so the index stays finite. */
    static final double EMPTY_BIN = 1e-4;

    private DriftStatistics() {
    }

    /** The inner decile edges (10th, 20th, …, 90th percentile) of a reference of 101 percentiles. */
    public static double[] decileEdges(List<Double> percentiles) {
        requirePercentiles(percentiles);
        double[] edges = new double[9];
        for (int i = 1; i <= 9; i++) {
            edges[i - 1] = percentiles.get(i * 10);
        }
        return edges;
    }

    /**
     * The share of {@code sample} in each of the ten bins the edges make: bin {@code i} holds values above edge
     * {@code i-1} up to and including edge {@code i} (the first everything up to its edge, the last everything above).
     */
    public static double[] binShares(double[] edges, double[] sample) {
        double[] shares = new double[edges.length + 1];
        if (sample.length == 0) {
            return shares;
        }
        for (double value : sample) {
            int bin = 0;
            while (bin < edges.length && value > edges[bin]) {
                bin++;
            }
            shares[bin]++;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] /= sample.length;
        }
        return shares;
    }

    /**
     * Population stability index of {@code sample} against a reference whose deciles are {@code percentiles}' 10th
     * to 90th: the sum over the ten bins of (live − expected) · ln(live / expected), each expected share 0.1. Common
     * reading: below 0.1 stable, 0.1–0.25 moderate shift, above 0.25 a shift worth acting on.
     */
    public static double psi(List<Double> percentiles, double[] sample) {
        if (sample.length == 0) {
            return Double.NaN;
        }
        double[] shares = binShares(decileEdges(percentiles), sample);
        double expected = 1.0 / shares.length;
        double index = 0;
        for (double share : shares) {
            double live = Math.max(share, EMPTY_BIN);
            index += (live - expected) * Math.log(live / expected);
        }
        return index;
    }

    /** The reference's distribution function, linear between its percentiles; 0 below the first, 1 above the last. */
    public static double referenceCdf(List<Double> percentiles, double x) {
        requirePercentiles(percentiles);
        int last = percentiles.size() - 1;
        if (x < percentiles.get(0)) {
            return 0;
        }
        if (x >= percentiles.get(last)) {
            return 1;
        }
        // the highest percentile at or below x (so ties put their mass at their value), then linear to the next
        int i = last;
        while (percentiles.get(i) > x) {
            i--;
        }
        double low = percentiles.get(i);
        double high = percentiles.get(i + 1);
        return (i + (x - low) / (high - low)) / last;
    }

    /** The outcome of a one-sample Kolmogorov–Smirnov test: the largest distance D and its p-value. */
    public record KsResult(double statistic, double pValue) {
    }

    /** One-sample two-sided Kolmogorov–Smirnov test of {@code sample} against the reference; NaN for fewer than 2. */
    public static KsResult ks(List<Double> percentiles, double[] sample) {
        requirePercentiles(percentiles);
        if (sample.length < 2) {
            return new KsResult(Double.NaN, Double.NaN);
        }
        KolmogorovSmirnovTest.OneResult result = KolmogorovSmirnovTest.withDefaults()
                .test(sample.clone(), x -> referenceCdf(percentiles, x));
        return new KsResult(result.getStatistic(), result.getPValue());
    }

    /** The {@code p}-quantile (0–1) of {@code values}, linear between order statistics (R's type 7). */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** The 0th to 100th percentile of {@code values}, rounded to {@code decimals}. */
    public static List<Double> percentiles(double[] values, int decimals) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double scale = Math.pow(10, decimals);
        Double[] result = new Double[101];
        for (int i = 0; i <= 100; i++) {
            result[i] = Math.round(quantile(sorted, i / 100.0) * scale) / scale;
        }
        return List.of(result);
    }

    private static void requirePercentiles(List<Double> percentiles) {
        if (percentiles == null || percentiles.size() != 101) {
            throw new IllegalArgumentException("a reference is given as its 101 percentiles");
        }
    }
}
