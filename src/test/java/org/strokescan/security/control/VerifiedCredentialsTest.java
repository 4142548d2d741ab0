package org.strokescan.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), 3);

    @Test
    void remembersTheHashOnlyForTheSameUsernameAndPassword() {
        verified.remember("clinician1", "correct horse", "hash-1", NOW);
        assertEquals(Optional.of("hash-1"), verified.verifiedHash("clinician1", "correct horse", NOW.plusSeconds(1)));
        assertEquals(Optional.empty(), verified.verifiedHash("clinician1", "correct horsE", NOW));
        assertEquals(Optional.empty(), verified.verifiedHash("clinician2", "correct horse", NOW));
        // the separator keeps "ab" + "c" apart from "a" + "bc"
        verified.remember("abc", "def", "hash-2", NOW);
        assertEquals(Optional.empty(), verified.verifiedHash("ab", "cdef", NOW));
    }

    @Test
    void forgetsAfterItsLifetime() {
        verified.remember("clinician1", "correct horse", "hash-1", NOW);
        assertTrue(verified.verifiedHash("clinician1", "correct horse", NOW.plus(Duration.ofMinutes(5)).minusMillis(1)).isPresent());
        assertEquals(Optional.empty(), verified.verifiedHash("clinician1", "correct horse", NOW.plus(Duration.ofMinutes(5))));
    }

    @Test
    void staysWithinItsCapacity() {
        for (int i = 0; i < 4; i++) {
            verified.remember("user" + i, "password", "hash", NOW);
        }
        assertTrue(verified.verifiedHash("user3", "password", NOW).isPresent(), "the newest is kept");
        assertFalse(verified.verifiedHash("user0", "password", NOW).isPresent(), "full: the older ones went");
    }

    @Test
    void aLifetimeOfZeroRemembersNothing() {
        VerifiedCredentials off = new VerifiedCredentials(Duration.ZERO, 10);
        off.remember("clinician1", "correct horse", "hash-1", NOW);
        assertFalse(off.enabled());
        assertEquals(Optional.empty(), off.verifiedHash("clinician1", "correct horse", NOW));
    }
}
