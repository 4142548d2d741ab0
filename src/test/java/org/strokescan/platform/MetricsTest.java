package org.strokescan.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.junit.jupiter.api.Test;

/** A metric that cannot be updated never fails the work it measures. */
class MetricsTest {

    @Test
    void withoutARegistryNothingHappens() {
        AtomicInteger calls = new AtomicInteger();
        Metrics.update(null, r -> calls.incrementAndGet());
        assertEquals(0, calls.get());
    }

    @Test
    void aFailingRegistryIsLoggedNotThrown() {
        MetricRegistry registry = mock(MetricRegistry.class);
        when(registry.counter(Metrics.described("strokescan_x", "x"))).thenThrow(new IllegalArgumentException("clash"));
        assertDoesNotThrow(() -> Metrics.update(registry, r -> r.counter(Metrics.described("strokescan_x", "x")).inc()));
        assertDoesNotThrow(() -> Metrics.update(registry, r -> {
            throw new NoClassDefFoundError("org/eclipse/microprofile/metrics/Tag");
        }));
    }

    @Test
    void anUpdateReachesTheRegistry() {
        MetricRegistry registry = mock(MetricRegistry.class);
        Counter counter = mock(Counter.class);
        when(registry.counter(Metrics.described("strokescan_y", "y"))).thenReturn(counter);
        Metrics.update(registry, r -> r.counter(Metrics.described("strokescan_y", "y")).inc());
        org.mockito.Mockito.verify(counter).inc();
    }

    @Test
    void timersAreInSeconds() {
        assertEquals(MetricUnits.SECONDS, Metrics.seconds("strokescan_z", "z").getUnit());
    }
}
