package org.strokescan.platform;

import java.util.Arrays;

/** Timing for the benchmarks: median and maximum of repeated runs after warm-up, never a test assertion. */
public final class Medians {

    private Medians() {
    }

    /** Median and maximum in milliseconds of 15 runs after 5 warm-up runs. */
    public static double[] of(Runnable work) {
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        double[] runs = new double[15];
        for (int i = 0; i < runs.length; i++) {
            long start = System.nanoTime();
            work.run();
            runs[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(runs);
        return new double[] {runs[runs.length / 2], runs[runs.length - 1]};
    }
}
