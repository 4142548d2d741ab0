package org.strokescan.training;

import java.util.List;

/**
 * One slice with a model's probability and what an evaluation report breaks results down by.
 *
 * @param fold        the cross-validation fold that predicted it (1…k), or 0 when not cross-validated
 * @param folderLabel the dataset's per-patient folder label, or null
 * @param subtypes    the haemorrhage subtypes marked on the slice
 * @param position    skull base (0) to vertex (1) within its patient, or NaN
 */
public record ScoredSlice(String file, String patient, int fold, int truth, String folderLabel, List<String> subtypes,
                          double position, double probability) {

    ScoredSlice withPatient(String newPatient) {
        return new ScoredSlice(file, newPatient, fold, truth, folderLabel, subtypes, position, probability);
    }

    ScoredSlice withProbability(double newProbability) {
        return new ScoredSlice(file, patient, fold, truth, folderLabel, subtypes, position, newProbability);
    }

    static double[] probabilities(List<ScoredSlice> slices) {
        return slices.stream().mapToDouble(ScoredSlice::probability).toArray();
    }

    static int[] truth(List<ScoredSlice> slices) {
        return slices.stream().mapToInt(ScoredSlice::truth).toArray();
    }
}
