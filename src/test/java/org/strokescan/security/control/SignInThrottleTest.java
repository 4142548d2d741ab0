package org.strokescan.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.strokescan.security.control.SignInThrottle.Refusals;
import org.strokescan.security.control.SignInThrottle.Settings;

class SignInThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final String ATTACKER = "203.0.113.5";
    private static final String WARD = "198.51.100.9";

    private final SignInThrottle throttle = new SignInThrottle(
            new Settings(20, 5, Duration.ofMinutes(15), Duration.ofMinutes(5)));

    @Test
    void aSourceMayFailABurstThenAtTheRefillRate() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), throttle.waitBefore(ATTACKER, "user" + i, T0), "attempt " + i);
            throttle.failed(ATTACKER, "user" + i, T0);
        }
        Optional<Duration> wait = throttle.waitBefore(ATTACKER, "admin", T0);
        assertEquals(Optional.of(Duration.ofSeconds(3)), wait, "one token every 3 s at 20 a minute");
        assertEquals(Optional.empty(), throttle.waitBefore(ATTACKER, "admin", T0.plusSeconds(3)));
        assertEquals(Optional.empty(), throttle.waitBefore(WARD, "admin", T0), "other sources are not slowed");
    }

    @Test
    void failuresCheckedInParallelRunUpADebtThatMustBeRepaid() {
        for (int i = 0; i < 40; i++) {
            throttle.failed(ATTACKER, "user" + i, T0); // checked at once: nobody saw an empty bucket
        }
        assertEquals(Optional.of(Duration.ofSeconds(63)), throttle.waitBefore(ATTACKER, "x", T0),
                "a debt of one burst (20) to repay before the next token: 21 tokens at 3 s each");
        for (int i = 0; i < 100; i++) {
            throttle.failed(ATTACKER, "more" + i, T0);
        }
        assertEquals(Optional.of(Duration.ofSeconds(63)), throttle.waitBefore(ATTACKER, "x", T0),
                "the debt is bounded, so the source recovers within two minutes");
    }

    @Test
    void aUsernameFromOneSourceWaitsLongerAfterEachFailureBeyondTheFreeOnes() {
        Instant now = T0;
        for (int i = 1; i <= 4; i++) {
            assertFalse(throttle.failed(ATTACKER, "admin", now));
            assertEquals(Optional.empty(), throttle.waitBefore(ATTACKER, "admin", now), "failure " + i + " is free");
        }
        assertTrue(throttle.failed(ATTACKER, "admin", now), "the fifth failure starts the waits");
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBefore(ATTACKER, "admin", now));
        long expected = 1;
        for (int i = 6; i <= 20; i++) {
            now = now.plusSeconds(expected);
            assertEquals(Optional.empty(), throttle.waitBefore(ATTACKER, "admin", now));
            assertFalse(throttle.failed(ATTACKER, "admin", now), "recorded once per streak");
            expected = Math.min(expected * 2, 900);
            assertEquals(Optional.of(Duration.ofSeconds(expected)), throttle.waitBefore(ATTACKER, "admin", now),
                    "failure " + i);
        }
        assertEquals(900, expected, "never longer than the longest delay");
        assertEquals(Optional.empty(), throttle.waitBefore(WARD, "admin", now), "the owner elsewhere is not locked out");
        assertTrue(throttle.isSlowed("admin"));
    }

    @Test
    void unknownAndKnownUsernamesAreTreatedAlike() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(ATTACKER, "admin", T0);
            throttle.failed(ATTACKER, "no-such-user", T0);
        }
        assertEquals(throttle.waitBefore(ATTACKER, "admin", T0), throttle.waitBefore(ATTACKER, "no-such-user", T0));
    }

    @Test
    void aSuccessEndsTheStreakAndAnAdministratorLiftsEveryWait() {
        for (int i = 0; i < 4; i++) {
            throttle.failed(WARD, "clinician1", T0);
        }
        assertFalse(throttle.isSlowed("clinician1"), "four failures are free");
        throttle.succeeded(WARD, "clinician1");
        assertFalse(throttle.failed(WARD, "clinician1", T0), "counting starts again after a success");

        for (int i = 0; i < 6; i++) {
            throttle.failed(ATTACKER, "auditor1", T0);
        }
        assertTrue(throttle.waitBefore(ATTACKER, "auditor1", T0).isPresent());
        assertTrue(throttle.isSlowed("auditor1"), "slowed, also once the wait is over: the next failure waits longer");
        throttle.forget("auditor1");
        assertFalse(throttle.isSlowed("auditor1"));
        assertEquals(Optional.empty(), throttle.waitBefore(ATTACKER, "auditor1", T0));
    }

    @Test
    void refusalsAreCountedPerSourceAndDrained() {
        for (int i = 0; i < 20; i++) {
            throttle.failed(ATTACKER, "user" + i, T0);
        }
        for (int i = 0; i < 7; i++) {
            throttle.waitBefore(ATTACKER, "user" + (i % 3), T0);
        }
        assertEquals(Map.of(ATTACKER, new Refusals(7, 3)), throttle.drainRefusals());
        assertEquals(Map.of(), throttle.drainRefusals(), "each refusal reported once");
    }

    @Test
    void usernamesFailingAreCountedWithinTheAlertWindow() {
        for (int i = 0; i < 12; i++) {
            throttle.failed(i % 2 == 0 ? ATTACKER : WARD, "user" + (i % 6), T0.plusSeconds(i));
        }
        assertEquals(6, throttle.usernamesFailing(T0.plusSeconds(12)));
        assertEquals(0, throttle.usernamesFailing(T0.plus(Duration.ofMinutes(6))), "older failures are forgotten");
    }

    @Test
    void purgeForgetsFullBucketsAndOldStreaks() {
        throttle.failed(ATTACKER, "admin", T0);
        throttle.purge(T0.plus(Duration.ofHours(2)));
        for (int i = 0; i < 4; i++) {
            assertFalse(throttle.failed(ATTACKER, "admin", T0.plus(Duration.ofHours(2))));
        }
        assertTrue(throttle.failed(ATTACKER, "admin", T0.plus(Duration.ofHours(2))),
                "the failure before the purge was forgotten: five more start the waits");
    }
}
