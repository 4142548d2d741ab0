package org.strokescan.fhir.control;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff from {@code first}, capped at {@code longest}, each
 * wait spread by ±20 % so that messages failed together do not all come back together.
 */
public record Backoff(Duration first, Duration longest, int maxAttempts) {

    public Backoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < first <= longest and at least one attempt");
        }
    }

    /** The wait after failed attempt number {@code attempts} (1 = the first), or null when no attempt is left. */
    public Duration after(int attempts, RandomGenerator random) {
        if (attempts >= maxAttempts) {
            return null;
        }
        double base = Math.min(longest.toMillis(), first.toMillis() * Math.pow(2, attempts - 1));
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.round(base * jitter));
    }
}
