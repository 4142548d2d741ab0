package org.strokescan.inference.control;

import java.util.concurrent.Semaphore;

/**
 * How many pixels may be in memory at full resolution at once, across all uploads being classified. A slice of
 * 512² pixels takes a lease of 0.26 M; a 40-MP photograph within the upload limits needs up to 16 bytes a pixel
 * while it is decoded, converted and resampled (a raster of up to 8 bytes for 16-bit RGBA, a 4-byte gray copy,
 * resampling buffers): 32 request threads with one each would exhaust any heap. Leases beyond the budget wait,
 * first come first served, until earlier ones are returned: a burst of huge images is classified one after another
 * instead of ending in an {@link OutOfMemoryError}. Thread-safe; a lease belongs to the thread that took it.
 */
public final class PixelBudget {

    /** Bytes of heap one full-resolution pixel may occupy while it is classified (raster, gray copy, resampling). */
    static final int BYTES_PER_PIXEL = 16;

    /** A lease on part of the budget; returned by {@link #close()}. */
    public final class Lease implements AutoCloseable {

        private final int pixels;
        private boolean closed;

        private Lease(int pixels) {
            this.pixels = pixels;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                permits.release(pixels);
            }
        }
    }

    private final int budget;
    private final Semaphore permits;

    public PixelBudget(long pixels) {
        if (pixels <= 0) {
            throw new IllegalArgumentException("a pixel budget is positive");
        }
        this.budget = (int) Math.min(pixels, Integer.MAX_VALUE);
        this.permits = new Semaphore(budget, true);
    }

    /**
     * Half of this JVM's maximum heap at {@link #BYTES_PER_PIXEL}, but never less than one image of the largest
     * size accepted: that one then has the budget to itself.
     */
    public static PixelBudget forHeap(long maxPixelsPerImage) {
        return new PixelBudget(Math.max(maxPixelsPerImage, Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_PIXEL));
    }

    /**
     * Waits until {@code pixels} (at most the whole budget) are free and takes them. A thread interrupted while it
     * waits keeps waiting and keeps its interrupt status: the upload it serves must still get an answer.
     */
    public Lease lease(long pixels) {
        int wanted = (int) Math.clamp(pixels, 0, budget);
        permits.acquireUninterruptibly(wanted);
        return new Lease(wanted);
    }

    public int budget() {
        return budget;
    }

    /** Uploads waiting for their lease at the moment. */
    public int waiting() {
        return permits.getQueueLength();
    }

    /** Pixels not leased at the moment. */
    public int available() {
        return permits.availablePermits();
    }
}
