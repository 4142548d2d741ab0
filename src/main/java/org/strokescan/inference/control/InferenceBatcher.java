package org.strokescan.inference.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.strokescan.inference.entity.PreparedImage;

/**
 * Classifies concurrent requests together: images that arrive while every engine slot is busy wait in a queue, and
 * the next free slot runs up to {@code maxBatch} of them in one engine call. On a CPU one call of n images costs
 * clearly less than n calls of one, so under load more images get through; a lone request is run at once, alone.
 * It has no threads of its own: a waiting caller runs the next batch itself as soon as a slot is free, so at low
 * load nothing is handed between threads.
 */
public final class InferenceBatcher {

    private final Function<List<PreparedImage>, float[]> engine;
    private final int width;
    private final int slots;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int running;
    private final LongAdder batches = new LongAdder();
    private final LongAdder images = new LongAdder();
    private volatile IntConsumer batchListener = size -> { };

    /** One image waiting for its probability; its fields are only touched under the lock. */
    private static final class Pending {
        final PreparedImage image;
        boolean done;
        float[] values;
        Throwable failure;

        Pending(PreparedImage image) {
            this.image = image;
        }
    }

    /**
     * @param engine   one engine call: the probabilities of a list of images, in order
     * @param slots    how many engine calls may run at once (the model's predictors)
     * @param maxBatch the most images in one call; 1 turns batching off
     */
    public InferenceBatcher(Function<List<PreparedImage>, float[]> engine, int slots, int maxBatch) {
        this(engine, slots, maxBatch, 1);
    }

    /**
     * @param width how many values the engine gives per image, side by side (image i's at {@code i·width…}); the
     *              first is the probability
     */
    public InferenceBatcher(Function<List<PreparedImage>, float[]> engine, int slots, int maxBatch, int width) {
        if (slots < 1 || maxBatch < 1 || width < 1) {
            throw new IllegalArgumentException("slots, batch size and width must be at least 1, got " + slots + ", "
                    + maxBatch + ", " + width);
        }
        this.engine = engine;
        this.width = width;
        this.slots = slots;
        this.maxBatch = maxBatch;
    }

    public int maxBatch() {
        return maxBatch;
    }

    /** The probability of one image, possibly computed in one engine call with other callers' images. */
    public float probability(PreparedImage image) {
        return values(image)[0];
    }

    /** All {@code width} values of one image, possibly computed in one engine call with other callers' images. */
    public float[] values(PreparedImage image) {
        Pending mine = new Pending(image);
        lock.lock();
        try {
            queue.add(mine);
            while (!mine.done) {
                if (running < slots && !queue.isEmpty()) {
                    runNextBatch();
                } else {
                    // engine calls take milliseconds and always end: no reason to give up a queued image half-way
                    changed.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw new IllegalStateException(mine.failure.getMessage(), mine.failure);
        }
        return mine.values;
    }

    /** Images queued for the next free slot right now. */
    public int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Engine calls so far and the images they classified: their ratio is the mean batch size. */
    public long[] batchesAndImages() {
        return new long[] {batches.sum(), images.sum()};
    }

    /**
     * Told the size of each engine call that succeeded, on the thread that ran it, outside the lock (the server's
     * metrics); what it throws is ignored, so it can never fail a classification.
     */
    public void onBatch(IntConsumer listener) {
        batchListener = listener == null ? size -> { } : listener;
    }

    /** Takes the oldest queued images and runs them outside the lock; called and returns with the lock held. */
    private void runNextBatch() {
        List<Pending> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
        while (batch.size() < maxBatch && !queue.isEmpty()) {
            batch.add(queue.poll());
        }
        running++;
        float[] probabilities = null;
        Throwable failure = null;
        lock.unlock();
        try {
            probabilities = engine.apply(batch.stream().map(p -> p.image).toList());
            batches.increment();
            images.add(batch.size());
            try {
                batchListener.accept(batch.size());
            } catch (RuntimeException | LinkageError e) {
                // a listener only watches: the batch succeeded
            }
        } catch (RuntimeException | Error e) {
            // every caller of the batch learns of it; the slot is freed either way
            failure = e;
        } finally {
            lock.lock();
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            pending.failure = failure;
            pending.values = failure == null ? Arrays.copyOfRange(probabilities, i * width, (i + 1) * width) : null;
            pending.done = true;
        }
        running--;
        changed.signalAll();
    }
}
