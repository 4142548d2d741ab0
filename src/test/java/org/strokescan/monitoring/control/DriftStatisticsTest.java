package org.strokescan.monitoring.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftStatisticsTest {

    /** A reference: the percentiles of a Beta(1, 3)-like distribution, 1 − (1 − u)^(1/3). */
    static final List<Double> REFERENCE = percentiles(0);

    /** Percentiles of the reference shifted by {@code shift} on the logit scale. */
    static List<Double> percentiles(double shift) {
        Double[] values = new Double[101];
        for (int i = 0; i <= 100; i++) {
            values[i] = shifted(inverse(i / 100.0), shift);
        }
        return List.of(values);
    }

    static double inverse(double u) {
        return 1 - Math.pow(1 - u, 1 / 3.0);
    }

    static double shifted(double p, double shift) {
        if (p <= 0 || p >= 1 || shift == 0) {
            return p;
        }
        double logit = Math.log(p / (1 - p)) + shift;
        return 1 / (1 + Math.exp(-logit));
    }

    /** {@code n} draws from the reference distribution, shifted by {@code shift} on the logit scale. */
    static double[] sample(long seed, int n, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = shifted(inverse(random.nextDouble()), shift);
        }
        return values;
    }

    @Test
    void psiOfTheReferenceItselfIsNearZeroAndOfAShiftedSampleAboveTheActionLevel() {
        for (long seed = 1; seed <= 5; seed++) {
            double same = DriftStatistics.psi(REFERENCE, sample(seed, 1000, 0));
            assertTrue(same < 0.05, "unshifted sample, seed " + seed + ": PSI " + same);
            double up = DriftStatistics.psi(REFERENCE, sample(seed, 1000, 1.5));
            double down = DriftStatistics.psi(REFERENCE, sample(seed, 1000, -1.5));
            assertTrue(up > 0.25, "shifted up, seed " + seed + ": PSI " + up);
            assertTrue(down > 0.25, "shifted down, seed " + seed + ": PSI " + down);
        }
    }

    @Test
    void psiOfADistributionWhoseBinsAreExactlyTheReferencesIsZero() {
        double[] sample = new double[100];
        for (int i = 0; i < 100; i++) {
            sample[i] = inverse((i + 0.5) / 100);
        }
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1},
                DriftStatistics.binShares(DriftStatistics.decileEdges(REFERENCE), sample), 1e-12);
        assertEquals(0, DriftStatistics.psi(REFERENCE, sample), 1e-12);
    }

    @Test
    void anEmptyBinKeepsThePsiFinite() {
        double[] allHigh = new double[50];
        java.util.Arrays.fill(allHigh, 0.99);
        double psi = DriftStatistics.psi(REFERENCE, allHigh);
        assertTrue(Double.isFinite(psi) && psi > 5, "everything in the top decile: PSI " + psi);
    }

    @Test
    void ksPValueIsLargeForSamplesFromTheReferenceAndTinyForShiftedOnes() {
        int large = 0;
        for (long seed = 1; seed <= 20; seed++) {
            double p = DriftStatistics.ks(REFERENCE, sample(seed, 500, 0)).pValue();
            large += p > 0.05 ? 1 : 0;
            assertTrue(DriftStatistics.ks(REFERENCE, sample(seed, 500, 1.0)).pValue() < 1e-6, "shifted up, seed " + seed);
            assertTrue(DriftStatistics.ks(REFERENCE, sample(seed, 500, -1.0)).pValue() < 1e-6, "shifted down, seed " + seed);
        }
        // under the null about 19 of 20 p-values exceed 0.05; the percentiles' interpolation costs a little
        assertTrue(large >= 16, large + " of 20 unshifted samples had p > 0.05");
    }

    @Test
    void theReferenceDistributionFunctionInterpolatesItsPercentiles() {
        assertEquals(0, DriftStatistics.referenceCdf(REFERENCE, -0.1));
        assertEquals(1, DriftStatistics.referenceCdf(REFERENCE, 1.0));
        assertEquals(0.5, DriftStatistics.referenceCdf(REFERENCE, REFERENCE.get(50)), 1e-12);
        double between = (REFERENCE.get(50) + REFERENCE.get(51)) / 2;
        assertEquals(0.505, DriftStatistics.referenceCdf(REFERENCE, between), 1e-12);
        // many equal percentiles (a point mass) put their whole mass at that value
        Double[] tied = new Double[101];
        for (int i = 0; i <= 100; i++) {
            tied[i] = i <= 40 ? 0.0 : (i - 40) / 60.0;
        }
        assertEquals(0.4, DriftStatistics.referenceCdf(List.of(tied), 0.0), 1e-12);
    }

    @Test
    void percentilesOfALinearRangeAreItsSteps() {
        double[] values = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            values[i] = (1000 - i) / 1000.0;
        }
        List<Double> percentiles = DriftStatistics.percentiles(values, 6);
        assertEquals(101, percentiles.size());
        assertEquals(0.0, percentiles.get(0));
        assertEquals(0.37, percentiles.get(37), 1e-12);
        assertEquals(1.0, percentiles.get(100));
    }
}
