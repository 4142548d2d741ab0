package org.strokescan.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.strokescan.platform.Role;
import org.strokescan.security.entity.AccountState;

class AccountStateCacheTest {

    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean enabled = new AtomicBoolean(true);
    private final Function<String, Optional<AccountState>> database = username -> {
        reads.incrementAndGet();
        return Optional.of(new AccountState(username, enabled.get(), 1, Set.of(Role.CLINICIAN)));
    };

    private static final class MovableClock extends Clock {
        Instant now = T0;

        @Override public Instant instant() { return now; }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    }

    @Test
    void readsAnAccountOncePerIntervalAndAgainAfterIt() {
        MovableClock clock = new MovableClock();
        AccountStateCache cache = new AccountStateCache(Duration.ofSeconds(5), clock);
        for (int i = 0; i < 10; i++) {
            cache.get("dr.who", database);
        }
        assertEquals(1, reads.get(), "ten requests within the interval, one read");
        enabled.set(false);
        clock.now = T0.plusSeconds(4);
        assertTrue(cache.get("dr.who", database).orElseThrow().enabled(), "a change made elsewhere: not seen yet");
        clock.now = T0.plusSeconds(5);
        assertFalse(cache.get("dr.who", database).orElseThrow().enabled(), "seen once the interval is over");
        assertEquals(2, reads.get());
    }

    @Test
    void aForgottenAccountIsReadAgainAtOnce() {
        AccountStateCache cache = new AccountStateCache(Duration.ofSeconds(5), new MovableClock());
        cache.get("dr.who", database);
        enabled.set(false);
        cache.forget("dr.who");
        assertFalse(cache.get("dr.who", database).orElseThrow().enabled(), "a change made on this server: seen at once");
        assertEquals(2, reads.get());
    }
}
