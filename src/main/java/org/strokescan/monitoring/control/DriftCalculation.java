package org.strokescan.monitoring.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.strokescan.examination.entity.ModelTraffic;
import org.strokescan.inference.entity.ValidationReference;
import org.strokescan.monitoring.entity.DriftMetric;
import org.strokescan.monitoring.entity.DriftReport;
import org.strokescan.monitoring.entity.DriftThresholds;

/** Compares a window's traffic with the model card's validation reference: the drift report. */
public final class DriftCalculation {

    private DriftCalculation() {
    }

    /**
     * @param reference the card's validation reference, or null: the report then says so and has no metrics
     */
    public static DriftReport report(Instant checkedAt, Instant from, Instant to, int days, String model,
                                     ValidationReference reference, ModelTraffic traffic, DriftThresholds thresholds) {
        Map<String, DriftReport.DailyShare> perDay = flaggedPerDay(traffic);
        Map<String, Long> refusals = new TreeMap<>(traffic.refusals());
        if (reference == null) {
            return new DriftReport(checkedAt.toString(), from.toString(), to.toString(), days, model, null, List.of(),
                    refusals, List.of(), perDay, null);
        }
        double[] slices = traffic.slices().stream().mapToDouble(ModelTraffic.Slice::probability).toArray();
        double[] studies = traffic.studies().stream().mapToDouble(ModelTraffic.Study::probability).toArray();
        int min = Math.max(1, thresholds.minSamples()); // a metric without observations has no value to compare
        List<DriftMetric> metrics = new ArrayList<>();

        metrics.add(psi("slice.psi", reference.sliceQuantiles(), slices, thresholds.psi(), min));
        metrics.add(ks("slice.ks", reference.sliceQuantiles(), slices, thresholds.ksAlpha(), min));
        metrics.add(psi("study.psi", reference.studyQuantiles(), studies, thresholds.psi(), min));
        metrics.add(ks("study.ks", reference.studyQuantiles(), studies, thresholds.ksAlpha(), min));

        long flaggedSlices = traffic.slices().stream().filter(ModelTraffic.Slice::positive).count();
        metrics.add(share("slice.flagged", flaggedSlices, slices.length, reference.sliceFlagged(),
                thresholds.flaggedTolerance(), min));
        long flaggedStudies = traffic.studies().stream().filter(ModelTraffic.Study::suspected).count();
        metrics.add(share("study.flagged", flaggedStudies, studies.length, reference.studyFlagged(),
                thresholds.flaggedTolerance(), min));

        long refused = traffic.refused();
        long uploads = refused + slices.length;
        Double refusalShare = uploads == 0 ? null : (double) refused / uploads;
        metrics.add(new DriftMetric("refusal.share", refusalShare, null, thresholds.refusalShare(), uploads,
                uploads >= min && refusalShare > thresholds.refusalShare()));

        Double agreement = traffic.reviews() == 0 ? null : (double) traffic.agreements() / traffic.reviews();
        metrics.add(new DriftMetric("clinician.agreement", agreement, reference.studyAgreement(),
                thresholds.agreementDrop(), traffic.reviews(), traffic.reviews() >= min
                && reference.studyAgreement() - agreement > thresholds.agreementDrop()));

        if (reference.imageSizes() != null) {
            Double distance = slices.length == 0 ? null : sizeDistance(reference.imageSizes(), traffic.slices());
            metrics.add(new DriftMetric("image.size", distance, null, thresholds.sizeDistance(), slices.length,
                    slices.length >= min && distance > thresholds.sizeDistance()));
        }
        if (reference.meanGreyQuantiles() != null) {
            double[] grey = traffic.slices().stream().map(ModelTraffic.Slice::meanGrey).filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).toArray();
            metrics.add(psi("image.meanGrey.psi", reference.meanGreyQuantiles(), grey, thresholds.psi(), min));
        }
        List<Double> deciles = new ArrayList<>();
        if (slices.length > 0) {
            for (double share : DriftStatistics.binShares(DriftStatistics.decileEdges(reference.sliceQuantiles()), slices)) {
                deciles.add(share);
            }
        }
        return new DriftReport(checkedAt.toString(), from.toString(), to.toString(), days, model, reference.source(),
                metrics, refusals, deciles, perDay, reference.sliceFlagged());
    }

    private static DriftMetric psi(String name, List<Double> percentiles, double[] sample, double threshold, int min) {
        if (sample.length == 0) {
            return new DriftMetric(name, null, null, threshold, 0, false);
        }
        double value = DriftStatistics.psi(percentiles, sample);
        return new DriftMetric(name, value, null, threshold, sample.length, sample.length >= min && value > threshold);
    }

    private static DriftMetric ks(String name, List<Double> percentiles, double[] sample, double alpha, int min) {
        if (sample.length < 2) {
            // the test needs two observations
            return new DriftMetric(name, null, null, alpha, sample.length, false);
        }
        double p = DriftStatistics.ks(percentiles, sample).pValue();
        return new DriftMetric(name, p, null, alpha, sample.length, sample.length >= min && p < alpha);
    }

    private static DriftMetric share(String name, long count, long of, double reference, double tolerance, int min) {
        if (of == 0) {
            return new DriftMetric(name, null, reference, tolerance, 0, false);
        }
        double value = (double) count / of;
        return new DriftMetric(name, value, reference, tolerance, of, of >= min && Math.abs(value - reference) > tolerance);
    }

    /** Total-variation distance between the live sizes' shares and the reference's (0 same, 1 disjoint). */
    static double sizeDistance(Map<String, Double> reference, List<ModelTraffic.Slice> slices) {
        Map<String, Double> live = new HashMap<>();
        for (ModelTraffic.Slice slice : slices) {
            live.merge(slice.width() + "x" + slice.height(), 1.0 / slices.size(), Double::sum);
        }
        TreeSet<String> sizes = new TreeSet<>(reference.keySet());
        sizes.addAll(live.keySet());
        double distance = 0;
        for (String size : sizes) {
            distance += Math.abs(live.getOrDefault(size, 0.0) - reference.getOrDefault(size, 0.0));
        }
        return distance / 2;
    }

    private static Map<String, DriftReport.DailyShare> flaggedPerDay(ModelTraffic traffic) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (ModelTraffic.Slice slice : traffic.slices()) {
            long[] counts = days.computeIfAbsent(LocalDate.ofInstant(slice.at(), ZoneOffset.UTC), day -> new long[2]);
            counts[0] += slice.positive() ? 1 : 0;
            counts[1]++;
        }
        Map<String, DriftReport.DailyShare> result = new LinkedHashMap<>();
        days.forEach((day, counts) -> result.put(day.toString(),
                new DriftReport.DailyShare((double) counts[0] / counts[1], counts[1])));
        return result;
    }
}
