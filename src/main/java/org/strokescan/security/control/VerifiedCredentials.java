package org.strokescan.security.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API credentials that PBKDF2 verified a moment ago. A REST client sends its password with every request (HTTP
 * Basic); checking it at 600,000 iterations each time cost about a quarter of a second per call here. This remembers,
 * for a short time, that this username and password matched this stored hash, so the caller can skip the slow
 * check while the account still holds that very hash. Passwords are not kept: only an HMAC-SHA256 of username and
 * password under a random key that exists in this process's memory alone. Bounded in size; thread-safe.
 */
public final class VerifiedCredentials {

    private record Verified(String username, String passwordHash, Instant until) {
    }

    private final Duration lifetime;
    private final int capacity;
    private final SecretKeySpec key;
    private final Map<String, Verified> entries = new ConcurrentHashMap<>();

    public VerifiedCredentials(Duration lifetime, int capacity) {
        this.lifetime = lifetime;
        this.capacity = capacity;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public boolean enabled() {
        return !lifetime.isZero() && !lifetime.isNegative();
    }

    /** The stored hash these credentials were verified against, while that verification is fresh. */
    public Optional<String> verifiedHash(String username, String password, Instant now) {
        if (!enabled()) {
            return Optional.empty();
        }
        String mark = mark(username, password);
        Verified verified = entries.get(mark);
        if (verified == null || !verified.username().equals(username)) {
            return Optional.empty();
        }
        if (!now.isBefore(verified.until())) {
            entries.remove(mark, verified);
            return Optional.empty();
        }
        return Optional.of(verified.passwordHash());
    }

    /** Remembers that PBKDF2 just found {@code password} to match {@code passwordHash}. */
    public void remember(String username, String password, String passwordHash, Instant now) {
        if (!enabled()) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(v -> !now.isBefore(v.until()));
            if (entries.size() >= capacity) {
                entries.clear(); // many distinct clients at once: forget all rather than grow; they re-verify
            }
        }
        entries.put(mark(username, password), new Verified(username, passwordHash, now.plus(lifetime)));
    }

    private String mark(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
