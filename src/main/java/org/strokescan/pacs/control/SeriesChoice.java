package org.strokescan.pacs.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.strokescan.pacs.entity.InstanceSummary;

/**
 * Which series of a study is classified, and its slices in anatomical order. A head CT usually comes as several
 * series (thin and thick axial, bone kernel, reformats); the model saw axial slices of a few millimetres, so the
 * axial series whose slice thickness is closest to the configured one is taken. Slices are ordered along the slice
 * normal (ImagePositionPatient), from the skull base up, falling back to InstanceNumber where a file has no
 * geometry: instance numbers are often reset or reversed by exports.
 */
public final class SeriesChoice {

    /** A slice of the chosen series that is not classified, with why. */
    public record Skipped(String sopInstanceUid, String reason) {
    }

    /**
     * @param series  the chosen SeriesInstanceUID; empty when no series can be classified
     * @param ordered the SOP Instance UIDs to classify, in anatomical order
     * @param why     how the series was chosen, for the audit trail
     */
    public record Choice(Optional<String> series, List<String> ordered, List<Skipped> skipped, String why) {
    }

    private SeriesChoice() {
    }

    public static Choice choose(List<InstanceSummary> instances, double preferredThicknessMm) {
        Map<String, List<InstanceSummary>> bySeries = instances.stream().filter(InstanceSummary::axial)
                .collect(Collectors.groupingBy(InstanceSummary::seriesInstanceUid, TreeMap::new, Collectors.toList()));
        if (bySeries.isEmpty()) {
            return new Choice(Optional.empty(), List.of(), List.of(), instances.isEmpty() ? "no instances"
                    : "no axial series among " + seriesCount(instances) + " series");
        }
        Comparator<Map.Entry<String, List<InstanceSummary>>> closest = Comparator.comparingDouble(
                e -> thickness(e.getValue()).map(t -> Math.abs(t - preferredThicknessMm)).orElse(Double.MAX_VALUE));
        Map.Entry<String, List<InstanceSummary>> chosen = bySeries.entrySet().stream()
                .min(closest.thenComparing(e -> -e.getValue().size())).orElseThrow();
        List<InstanceSummary> slices = chosen.getValue();

        // slices of one series that disagree on size: the size most of them have is the series'
        Map<String, Long> sizes = slices.stream().collect(Collectors.groupingBy(SeriesChoice::size,
                LinkedHashMap::new, Collectors.counting()));
        String size = sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<Skipped> skipped = new ArrayList<>();
        List<InstanceSummary> kept = new ArrayList<>();
        for (InstanceSummary slice : slices) {
            if (size(slice).equals(size)) {
                kept.add(slice);
            } else {
                skipped.add(new Skipped(slice.sopInstanceUid(), "its size " + size(slice)
                        + " differs from the series' " + size));
            }
        }
        boolean geometry = kept.stream().allMatch(s -> s.position() != null);
        Comparator<InstanceSummary> order = geometry ? Comparator.comparingDouble(InstanceSummary::position)
                : Comparator.comparing(InstanceSummary::instanceNumber, Comparator.nullsLast(Comparator.naturalOrder()));
        kept.sort(order.thenComparing(InstanceSummary::sopInstanceUid));
        String thickness = thickness(slices).map(t -> String.format(Locale.ROOT, "%.1f mm", t)).orElse("unknown");
        String why = String.format(Locale.ROOT, "axial series %s of %d (slice thickness %s, preferred %.1f mm), %d slices"
                        + " ordered by %s", chosen.getKey(), bySeries.size(), thickness, preferredThicknessMm, kept.size(),
                geometry ? "ImagePositionPatient" : "InstanceNumber");
        return new Choice(Optional.of(chosen.getKey()), kept.stream().map(InstanceSummary::sopInstanceUid).toList(),
                skipped, why);
    }

    /** The series' most common SliceThickness (exports sometimes leave it out on some slices). */
    private static Optional<Double> thickness(List<InstanceSummary> slices) {
        return slices.stream().map(InstanceSummary::sliceThickness).filter(t -> t != null && t > 0)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    private static long seriesCount(List<InstanceSummary> instances) {
        return instances.stream().map(InstanceSummary::seriesInstanceUid).distinct().count();
    }

    private static String size(InstanceSummary slice) {
        return slice.columns() + "×" + slice.rows();
    }
}
