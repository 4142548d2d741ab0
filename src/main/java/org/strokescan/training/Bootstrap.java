package org.strokescan.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Percentile confidence intervals by resampling patients with replacement: slices of one patient are correlated,
 * so resampling slices would make the intervals too narrow. A patient drawn twice enters as two patients.
 */
public final class Bootstrap {

    /** A statistic on the data and its 95 % interval. */
    public record Interval(double estimate, double low, double high) {
    }

    private final Map<String, List<ScoredSlice>> patients;
    private final int rounds;
    private final long seed;

    public Bootstrap(List<ScoredSlice> slices, int rounds, long seed) {
        this.patients = new java.util.TreeMap<>();
        slices.forEach(s -> patients.computeIfAbsent(s.patient(), p -> new ArrayList<>()).add(s));
        this.rounds = rounds;
        this.seed = seed;
    }

    /** Each statistic the function returns, with its interval; the function runs once per resample. */
    public Map<String, Interval> intervals(Function<List<ScoredSlice>, Map<String, Double>> statistics) {
        List<ScoredSlice> all = patients.values().stream().flatMap(List::stream).toList();
        List<String> ids = List.copyOf(patients.keySet());
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            List<ScoredSlice> sample = new ArrayList<>(all.size());
            for (int draw = 0; draw < ids.size(); draw++) {
                String id = ids.get(random.nextInt(ids.size()));
                String copy = id + "#" + draw;
                patients.get(id).forEach(s -> sample.add(s.withPatient(copy)));
            }
            statistics.apply(sample).forEach((name, value) -> {
                if (!Double.isNaN(value)) {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            });
        }
        Map<String, Interval> intervals = new LinkedHashMap<>();
        statistics.apply(all).forEach((name, estimate) -> {
            double[] sorted = values.getOrDefault(name, List.of()).stream().mapToDouble(Double::doubleValue).sorted()
                    .toArray();
            intervals.put(name, sorted.length == 0 ? new Interval(estimate, Double.NaN, Double.NaN)
                    : new Interval(estimate, percentile(sorted, 0.025), percentile(sorted, 0.975)));
        });
        return intervals;
    }

    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
