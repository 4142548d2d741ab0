package org.strokescan.platform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Updates of the application's metrics (MicroProfile Metrics, served by Payara at {@code /metrics}; the README's
 * "Metrics" names them). A metric that cannot be updated never fails the work it measures: the failure is logged
 * once as a warning, later ones at FINE.
 */
public final class Metrics {

    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    /** Timers and histograms by registry, name and tags. */
    private static final Map<List<Object>, Object> KNOWN = new ConcurrentHashMap<>();

    private Metrics() {
    }

    /**
     * Runs {@code update} on the registry; nothing when there is none (a bean built by hand, outside the server).
     */
    public static void update(MetricRegistry registry, Consumer<MetricRegistry> update) {
        if (registry == null) {
            return;
        }
        try {
            update.accept(registry);
        } catch (RuntimeException | LinkageError e) {
            Level level = WARNED.compareAndSet(false, true) ? Level.WARNING : Level.FINE;
            LOG.log(level, "event=metrics.update-failed error=" + e, e);
        }
    }

    /**
     * The registry's timer of {@code metadata} with these tags, looked up once: Payara builds a new timer (with its
     * reservoir) on every lookup and then drops it, which every request and every classification would pay.
     */
    public static Timer timer(MetricRegistry registry, Metadata metadata, Tag... tags) {
        return (Timer) KNOWN.computeIfAbsent(List.of(registry, metadata.getName(), List.of(tags)),
                key -> registry.timer(metadata, tags));
    }

    /** The registry's histogram of {@code metadata} with these tags, looked up once (see {@link #timer}). */
    public static Histogram histogram(MetricRegistry registry, Metadata metadata, Tag... tags) {
        return (Histogram) KNOWN.computeIfAbsent(List.of(registry, metadata.getName(), List.of(tags)),
                key -> registry.histogram(metadata, tags));
    }

    /** A metric without a unit, with its description. */
    public static Metadata described(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    /** A timer: Prometheus shows it as {@code <name>_seconds}. */
    public static Metadata seconds(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.SECONDS).build();
    }
}
