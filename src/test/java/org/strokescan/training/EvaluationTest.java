package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void aucCountsCorrectlyOrderedPairsAndHalfTheTies() {
        assertEquals(1.0, Evaluation.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1}), 1e-12);
        assertEquals(0.0, Evaluation.auc(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {0, 0, 1, 1}), 1e-12);
        assertEquals(0.5, Evaluation.auc(new double[] {0.5, 0.5}, new int[] {0, 1}), 1e-12);
        // pairs (p, n): (0.7 > 0.6), (0.7 > 0.2), (0.4 < 0.6), (0.4 > 0.2) -> 3 of 4
        assertEquals(0.75, Evaluation.auc(new double[] {0.7, 0.6, 0.4, 0.2}, new int[] {1, 0, 1, 0}), 1e-12);
    }

    @Test
    void ratesAtAThresholdFollowTheConfusionMatrix() {
        Evaluation.AtThreshold at = Evaluation.at(new double[] {0.9, 0.6, 0.4, 0.3, 0.1}, new int[] {1, 0, 1, 0, 0}, 0.5);
        assertEquals(1, at.tp());
        assertEquals(1, at.fp());
        assertEquals(2, at.tn());
        assertEquals(1, at.fn());
        assertEquals(0.5, at.sensitivity(), 1e-12);
        assertEquals(2.0 / 3, at.specificity(), 1e-12);
        assertEquals(0.5, at.precision(), 1e-12);
        assertEquals(0.5, at.f1(), 1e-12);
    }

    @Test
    void theThresholdIsTheHighestThatReachesTheTargetSensitivity() {
        double[] p = {0.95, 0.9, 0.7, 0.6, 0.5, 0.3, 0.2};
        int[] truth = {1, 0, 1, 1, 0, 1, 0};
        Evaluation.AtThreshold chosen = Evaluation.thresholdFor(p, truth, 0.75);
        assertEquals(0.6, chosen.threshold(), 1e-12);
        assertEquals(0.75, chosen.sensitivity(), 1e-12);
        assertEquals(1.0, Evaluation.thresholdFor(p, truth, 1.0).sensitivity(), 1e-12);
        assertEquals(0.3, Evaluation.thresholdFor(p, truth, 1.0).threshold(), 1e-12);
    }

    @Test
    void calibrationErrorIsTheWeightedGapBetweenConfidenceAndFrequency() {
        // bin 0.9–1.0: mean 0.95, observed 1/2 -> gap 0.45; bin 0.1–0.2: mean 0.15, observed 0/2 -> gap 0.15
        double ece = Evaluation.expectedCalibrationError(new double[] {0.9, 1.0, 0.1, 0.2 - 1e-9},
                new int[] {1, 0, 0, 0});
        assertEquals(0.5 * 0.45 + 0.5 * 0.15, ece, 1e-6);
        assertEquals(0.05, Evaluation.expectedCalibrationError(new double[] {0.05, 0.95}, new int[] {0, 1}), 1e-9);
    }
}
