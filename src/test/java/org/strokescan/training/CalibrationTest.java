package org.strokescan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void plattScalingRecoversTheScaleThatGeneratedTheLabels() {
        // labels drawn with P(y=1) = σ(0.5·z − 1) from a model whose raw output is σ(z): over-confident and too high
        SplittableRandom random = new SplittableRandom(3);
        int n = 20_000;
        double[] raw = new double[n];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextDouble(-6, 6);
            raw[i] = Calibration.sigmoid(z);
            truth[i] = random.nextDouble() < Calibration.sigmoid(0.5 * z - 1) ? 1 : 0;
        }
        Calibration fitted = Calibration.fit(raw, truth);
        assertEquals(0.5, fitted.a(), 0.05);
        assertEquals(-1, fitted.b(), 0.1);
        double before = Evaluation.expectedCalibrationError(raw, truth);
        double after = Evaluation.expectedCalibrationError(fitted.apply(raw), truth);
        assertTrue(after < 0.02 && before > 0.1, "ECE before " + before + ", after " + after);
        assertEquals(Evaluation.auc(raw, truth), Evaluation.auc(fitted.apply(raw), truth), 1e-12, "ranking unchanged");
    }

    @Test
    void crossFittedCalibrationCalibratesEachFoldWithTheOthersOnly() {
        double[] raw = {0.9, 0.8, 0.2, 0.1, 0.9, 0.8, 0.2, 0.1};
        int[] truth = {1, 0, 0, 0, 1, 1, 1, 0};
        int[] fold = {1, 1, 1, 1, 2, 2, 2, 2};
        double[] calibrated = TrainingRun.crossFittedCalibration(raw, truth, fold, 2);
        Calibration fromFoldTwo = Calibration.fit(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {1, 1, 1, 0});
        assertEquals(fromFoldTwo.apply(0.9), calibrated[0], 1e-12);
        assertEquals(fromFoldTwo.apply(0.1), calibrated[3], 1e-12);
    }
}
