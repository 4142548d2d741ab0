package org.strokescan.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery staple".toCharArray());
        assertTrue(hasher.verify("correct horse battery staple".toCharArray(), hash));
        assertFalse(hasher.verify("correct horse battery stapler".toCharArray(), hash));
        assertFalse(hasher.verify("".toCharArray(), hash));
    }

    @Test
    void storesAlgorithmIterationsAndARandomSalt() {
        String first = hasher.hash("same password here".toCharArray());
        String second = hasher.hash("same password here".toCharArray());
        assertTrue(first.startsWith("pbkdf2-sha256:210000:"), first);
        assertNotEquals(first, second, "each hash needs its own salt");
        assertFalse(first.contains("same password"));
    }

    @Test
    void refusesFewerIterationsThanOwaspAllows() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(209_999));
    }

    @Test
    void rejectsTamperedOrForeignHashesWithoutThrowing() {
        String hash = hasher.hash("a long enough password".toCharArray());
        String[] parts = hash.split(":");
        String otherHash = hasher.hash("something else entirely".toCharArray()).split(":")[3];
        String tampered = parts[0] + ":" + parts[1] + ":" + parts[2] + ":" + otherHash;
        assertFalse(hasher.verify("a long enough password".toCharArray(), tampered));
        assertFalse(hasher.verify("x".toCharArray(), "plain-text-password"));
        assertFalse(hasher.verify("x".toCharArray(), "pbkdf2-sha256:notanumber:abc:def"));
        assertFalse(hasher.verify("x".toCharArray(), null));
    }

    @Test
    void asksForRehashWhenTheConfiguredCountRises() {
        String old = hasher.hash("a long enough password".toCharArray());
        PasswordHasher stronger = new PasswordHasher(300_000);
        assertTrue(stronger.needsRehash(old));
        assertFalse(hasher.needsRehash(old));
        assertTrue(stronger.verify("a long enough password".toCharArray(), old), "old hashes stay valid");
        assertEquals(300_000, stronger.iterations());
    }

    @Test
    void decoyVerificationAlwaysFails() {
        assertFalse(hasher.verifyDecoy("decoy password that no account has".toCharArray()));
    }
}
