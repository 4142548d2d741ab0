package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PixelBudgetTest {

    @Test
    void leasesWithinTheBudgetAreTakenAndReturned() {
        PixelBudget budget = new PixelBudget(1_000_000);
        PixelBudget.Lease slice = budget.lease(512 * 512);
        PixelBudget.Lease another = budget.lease(512 * 512);
        assertEquals(1_000_000 - 2 * 512 * 512, budget.available());
        slice.close();
        slice.close(); // a second close returns nothing twice
        another.close();
        assertEquals(1_000_000, budget.available());
        budget.lease(0).close(); // a refused file leases nothing
        assertEquals(1_000_000, budget.available());
    }

    @Test
    void aLeaseThatDoesNotFitWaitsUntilAnEarlierOneIsReturned() throws InterruptedException {
        PixelBudget budget = new PixelBudget(100);
        PixelBudget.Lease first = budget.lease(80);
        CountDownLatch leased = new CountDownLatch(1);
        Thread second = Thread.ofPlatform().start(() -> {
            try (PixelBudget.Lease lease = budget.lease(60)) {
                leased.countDown();
            }
        });
        while (budget.waiting() == 0) {
            Thread.onSpinWait(); // the second lease is queued now
        }
        assertFalse(leased.await(100, TimeUnit.MILLISECONDS), "60 of 100 pixels leased while 80 are out");
        first.close();
        assertTrue(leased.await(10, TimeUnit.SECONDS), "leased once the first was returned");
        second.join();
        assertEquals(100, budget.available());
    }

    @Test
    void anImageLargerThanTheBudgetHasTheWholeBudgetToItself() {
        PixelBudget budget = new PixelBudget(100);
        try (PixelBudget.Lease huge = budget.lease(1_000)) {
            assertEquals(0, budget.available());
        }
        assertEquals(100, budget.available());
    }

    @Test
    void theHeapBudgetAlwaysAdmitsOneImageOfTheLargestAcceptedSize() {
        assertTrue(PixelBudget.forHeap(40_000_000).budget() >= 40_000_000);
        long byHeap = Runtime.getRuntime().maxMemory() / 2 / PixelBudget.BYTES_PER_PIXEL;
        assertEquals(Math.min(Integer.MAX_VALUE, Math.max(1, byHeap)), PixelBudget.forHeap(1).budget());
    }
}
