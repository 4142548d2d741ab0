package org.strokescan.examination.entity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the auditor's charts show about the filtered predictions.
 *
 * @param perDay          per day (server time zone): predictions made and how many were flagged
 * @param histogram       predictions per tenth of probability: [0, 0.1), [0.1, 0.2), … [0.9, 1]
 * @param versionsPerDay  per day: predictions by model version
 * @param agreementPerDay per day of the review that stands now (the last one of each examination among them):
 *                        how many examinations the clinician agreed with the AI finding, and how many not
 */
public record HistoryStatistics(SortedMap<LocalDate, long[]> perDay, long[] histogram,
                                SortedMap<LocalDate, Map<String, Long>> versionsPerDay,
                                SortedMap<LocalDate, long[]> agreementPerDay) {

    /** Examinations among them with a review. */
    public long reviewed() {
        return agreementPerDay.values().stream().mapToLong(counts -> counts[0] + counts[1]).sum();
    }

    /** Of those, the ones whose clinician agreed with the AI finding. */
    public long agreed() {
        return agreementPerDay.values().stream().mapToLong(counts -> counts[0]).sum();
    }

    public List<String> versions() {
        return versionsPerDay.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
    }
}
