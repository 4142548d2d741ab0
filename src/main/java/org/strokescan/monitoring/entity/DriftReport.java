package org.strokescan.monitoring.entity;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A drift check of one model over a window, as stored, shown and sent (times as ISO-8601 text).
 *
 * @param checkedAt           when it was computed
 * @param from                start of the window (inclusive)
 * @param to                  end of the window (exclusive)
 * @param days                the window's length in days
 * @param model               {@code name/version} of the model checked
 * @param reference           the source sentence of the card's validation reference, or null when it has none
 * @param metrics             the compared quantities (empty without a reference)
 * @param refusals            refusals in the window by {@code STAGE: REASON}
 * @param sliceDecileShares   share of live slice probabilities in each of the reference's ten deciles (0.1 each there)
 * @param flaggedPerDay       per day ({@code YYYY-MM-DD}, UTC) the share of slices flagged and how many there were
 * @param referenceSliceFlagged the reference's share of flagged slices, or null
 */
public record DriftReport(String checkedAt, String from, String to, int days, String model, String reference,
                          List<DriftMetric> metrics, Map<String, Long> refusals, List<Double> sliceDecileShares,
                          Map<String, DailyShare> flaggedPerDay, Double referenceSliceFlagged)
        implements Serializable {

    public DriftReport {
        metrics = List.copyOf(metrics);
        refusals = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(refusals));
        sliceDecileShares = List.copyOf(sliceDecileShares);
        flaggedPerDay = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(flaggedPerDay));
    }

    /** Share of one day's slices flagged, and their number. */
    public record DailyShare(double share, long slices) implements Serializable {
    }

    /** Whether any metric crossed its threshold. */
    public boolean alarm() {
        return metrics.stream().anyMatch(DriftMetric::alarm);
    }

    /** The names of the metrics that crossed their thresholds, comma-separated. */
    public String alarms() {
        return String.join(", ", metrics.stream().filter(DriftMetric::alarm).map(DriftMetric::name).toList());
    }
}
