package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.PreparedImage;

/**
 * The queueing of {@link InferenceBatcher}, with an engine that holds its first call until the test lets it go, so
 * that which images share a call is certain. That the real engine gives a batch the same probabilities as single
 * calls is {@link StrokeModelTest}'s part.
 */
class InferenceBatcherTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();

    /** Answers each image with its first value, records the images of every call, and holds the first call. */
    private static final class Engine implements Function<List<PreparedImage>, float[]> {
        final List<List<Float>> calls = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstCallStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirstCall = new CountDownLatch(1);
        volatile RuntimeException failSecondCall;

        @Override
        public float[] apply(List<PreparedImage> images) {
            int call = calls.size();
            calls.add(images.stream().map(i -> i.tensor()[0]).toList());
            if (call == 0) {
                firstCallStarted.countDown();
                await(releaseFirstCall);
            }
            if (call == 1 && failSecondCall != null) {
                throw failSecondCall;
            }
            float[] probabilities = new float[images.size()];
            for (int i = 0; i < images.size(); i++) {
                probabilities[i] = images.get(i).tensor()[0];
            }
            return probabilities;
        }
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aLoneImageIsRunAtOnceAndAlone() {
        Engine engine = new Engine();
        engine.releaseFirstCall.countDown();
        InferenceBatcher batcher = new InferenceBatcher(engine, 1, 8);
        assertEquals(0.25f, batcher.probability(image(0.25f)));
        assertEquals(List.of(List.of(0.25f)), engine.calls);
        assertEquals(1, batcher.batchesAndImages()[0]);
    }

    @Test
    void imagesThatArriveWhileTheEngineIsBusyShareTheNextCallsInArrivalOrder() throws Exception {
        Engine engine = new Engine();
        InferenceBatcher batcher = new InferenceBatcher(engine, 1, 3);
        queueBehindTheFirstCall(batcher, engine, 5);
        assertEquals(List.of(List.of(0.1f), List.of(0.2f, 0.3f, 0.4f), List.of(0.5f, 0.6f)), engine.calls,
                "one call for the first image, then the five that queued meanwhile in calls of at most three");
        assertEquals(6, batcher.batchesAndImages()[1]);
        assertEquals(3, batcher.batchesAndImages()[0]);
    }

    @Test
    void aFailedCallReachesEveryCallerOfItsBatchAndFreesTheSlot() throws Exception {
        Engine engine = new Engine();
        engine.failSecondCall = new IllegalStateException("the engine broke");
        InferenceBatcher batcher = new InferenceBatcher(engine, 1, 8);
        Future<Float> first = callers.submit(() -> batcher.probability(image(0.1f)));
        assertTrue(engine.firstCallStarted.await(10, TimeUnit.SECONDS));
        Future<Float> second = callers.submit(() -> batcher.probability(image(0.2f)));
        waitUntil(() -> batcher.waiting() == 1);
        Future<Float> third = callers.submit(() -> batcher.probability(image(0.3f)));
        waitUntil(() -> batcher.waiting() == 2);
        engine.releaseFirstCall.countDown();

        assertEquals(0.1f, first.get(10, TimeUnit.SECONDS));
        for (Future<Float> failed : List.of(second, third)) {
            Exception e = assertThrows(Exception.class, () -> failed.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("the engine broke"), e.getCause().getMessage());
        }
        assertEquals(0.4f, batcher.probability(image(0.4f)), "the slot is free again");
    }

    @Test
    void aListenerIsToldEachCallsSizeAndCannotFailIt() throws Exception {
        Engine engine = new Engine();
        InferenceBatcher batcher = new InferenceBatcher(engine, 1, 3);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        batcher.onBatch(size -> {
            sizes.add(size);
            throw new IllegalStateException("a broken metrics registry");
        });
        queueBehindTheFirstCall(batcher, engine, 4);
        assertEquals(List.of(1, 3, 1), sizes, "the first image alone, then the four queued in calls of at most three");
    }

    @Test
    void refusesAnEmptyPoolOrBatch() {
        assertThrows(IllegalArgumentException.class, () -> new InferenceBatcher(new Engine(), 0, 8));
        assertThrows(IllegalArgumentException.class, () -> new InferenceBatcher(new Engine(), 1, 0));
    }

    private static PreparedImage image(float value) {
        float[] tensor = new float[4];
        tensor[0] = value;
        return new PreparedImage(tensor, 2, 0, 0, 2, 2);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the callers did not queue within 10 s");
            }
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the first call");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Holds one image (0.1) in the engine while {@code queued} more (0.2, 0.3, …) queue behind it, lets the engine go,
     * and checks that each caller got the probability of its own image.
     */
    private void queueBehindTheFirstCall(InferenceBatcher batcher, Engine engine, int queued) throws Exception {
        Future<Float> first = callers.submit(() -> batcher.probability(image(0.1f)));
        assertTrue(engine.firstCallStarted.await(10, TimeUnit.SECONDS));
        List<Future<Float>> waiting = new ArrayList<>();
        for (int i = 1; i <= queued; i++) {
            float value = i / 10f + 0.1f;
            waiting.add(callers.submit(() -> batcher.probability(image(value))));
            waitUntil(() -> batcher.waiting() == waiting.size());
        }
        engine.releaseFirstCall.countDown();
        assertEquals(0.1f, first.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < waiting.size(); i++) {
            assertEquals((i + 1) / 10f + 0.1f, waiting.get(i).get(10, TimeUnit.SECONDS), 1e-6,
                    "each caller gets the probability of its own image");
        }
    }
}
