package org.strokescan.platform;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Updates of the application's metrics (MicroProfile Metrics, served by Payara at {@code /metrics}; the README's
 * "Metrics" names them). A metric that cannot be updated never fails the work it measures: the failure is logged
 * once as a warning, later ones at FINE.
 */
public final class Metrics {

    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

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

    /** A metric without a unit, with its description. */
    public static Metadata described(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    /** A timer: Prometheus shows it as {@code <name>_seconds}. */
    public static Metadata seconds(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.SECONDS).build();
    }
}
