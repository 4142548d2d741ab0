package org.strokescan.security.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, before any password is hashed, whether a sign-in may be checked at all, so that failed sign-ins cannot
 * be used to burn the server's CPU (each check is a PBKDF2 of 600,000 iterations) nor to lock anybody out.
 * <ul>
 *   <li><b>Per source address</b>: a token bucket of failed sign-ins (a burst of {@code failuresPerMinute}, refilled
 *       at that rate). While it is empty, every sign-in from there is refused unchecked, the right password too: it
 *       cannot be told from a wrong one without hashing. A failure takes a token even when several are checked at
 *       once, down to a debt of one burst, so parallel clients gain nothing.</li>
 *   <li><b>Per username and source</b>: after {@code freeFailures} failures in a row each further attempt waits
 *       1 s, 2 s, 4 s … up to {@code longestDelay}. Keyed by the source too, so that an attacker slows themselves
 *       down, not the account's owner signing in from elsewhere. Unknown usernames are treated alike, so the answer
 *       tells nobody which accounts exist.</li>
 * </ul>
 * Refusals are counted per source for one audit record per period rather than one per attempt, and failures are
 * kept for a while so that many accounts failing at once can be noticed. Held in memory (one server's view);
 * thread-safe, bounded in size.
 */
public final class SignInThrottle {

    /**
     * @param failuresPerMinute failed sign-ins one source address may cause per minute (also its burst)
     * @param freeFailures      failures in a row on one username from one source before attempts must wait
     * @param longestDelay      the longest such wait
     * @param alertWindow       how far back failures on different usernames are counted together
     */
    public record Settings(int failuresPerMinute, int freeFailures, Duration longestDelay, Duration alertWindow) {
    }

    /** Sign-ins refused unchecked from one source since the last {@link #drainRefusals}. */
    public record Refusals(long count, int usernames) {
    }

    /** The first wait of a username and source; each further failure doubles it. */
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** Entries kept at most, per kind, whatever the traffic; the oldest go first. */
    static final int MAX_ENTRIES = 100_000;
    /** Distinct usernames remembered per source within one refusal period. */
    private static final int MAX_USERNAMES_PER_SOURCE = 10_000;

    private final Settings settings;
    private final Map<String, Bucket> sources = new LinkedHashMap<>();
    private final Map<String, Streak> streaks = new LinkedHashMap<>();
    private final Map<String, RefusalCount> refusals = new HashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();

    public SignInThrottle(Settings settings) {
        if (settings.failuresPerMinute() < 1 || settings.freeFailures() < 1) {
            throw new IllegalArgumentException("sign-in limits must be at least 1: " + settings);
        }
        this.settings = settings;
    }

    /**
     * @return how long the caller must wait before this sign-in can be checked; empty when it may be checked now.
     *         A refusal is counted for {@link #drainRefusals}.
     */
    public synchronized Optional<Duration> waitBefore(String source, String username, Instant now) {
        Duration wait = Duration.ZERO;
        Bucket bucket = sources.get(source);
        if (bucket != null) {
            wait = bucket.waitForToken(now);
        }
        Streak streak = streaks.get(key(username, source));
        if (streak != null && now.isBefore(streak.waitUntil)) {
            Duration left = Duration.between(now, streak.waitUntil);
            wait = left.compareTo(wait) > 0 ? left : wait;
        }
        if (wait.isZero()) {
            return Optional.empty();
        }
        refusals.computeIfAbsent(source, s -> new RefusalCount()).add(username);
        return Optional.of(wait);
    }

    /**
     * Counts a failed (checked) sign-in.
     *
     * @return true when this failure is the one from which further attempts of this username and source must wait
     */
    public synchronized boolean failed(String source, String username, Instant now) {
        sources.computeIfAbsent(source, s -> new Bucket(now)).take(now);
        Streak streak = streaks.computeIfAbsent(key(username, source), k -> new Streak());
        streak.failures++;
        int beyond = streak.failures - settings.freeFailures();
        if (beyond >= 0) {
            Duration delay = beyond >= 30 ? settings.longestDelay() : FIRST_DELAY.multipliedBy(1L << beyond);
            streak.waitUntil = now.plus(delay.compareTo(settings.longestDelay()) > 0 ? settings.longestDelay() : delay);
        }
        streak.lastFailure = now;
        failures.addLast(new Failure(now, username));
        trim(now);
        return beyond == 0;
    }

    /** A successful sign-in ends its username's streak from that source. */
    public synchronized void succeeded(String source, String username) {
        streaks.remove(key(username, source));
    }

    /** An administrator lifts every wait of one username, from every source. */
    public synchronized void forget(String username) {
        streaks.keySet().removeIf(key -> key.startsWith(username + "\n"));
    }

    /**
     * Whether this username is slowed down from some source: failures there have gone beyond the free ones, so its
     * next attempt from there waits, or will wait after one more failure, until a success or {@link #forget}.
     */
    public boolean isSlowed(String username) {
        return slowedUsernames().contains(username);
    }

    /** Every username {@link #isSlowed} from some source, found in one pass (the users page lists them all). */
    public synchronized Set<String> slowedUsernames() {
        Set<String> slowed = new HashSet<>();
        streaks.forEach((key, streak) -> {
            if (streak.failures >= settings.freeFailures()) {
                slowed.add(key.substring(0, key.indexOf('\n')));
            }
        });
        return slowed;
    }

    /** The refusals counted per source since the last call, which are forgotten. */
    public synchronized Map<String, Refusals> drainRefusals() {
        Map<String, Refusals> drained = new LinkedHashMap<>();
        refusals.forEach((source, count) -> drained.put(source, new Refusals(count.count, count.usernames.size())));
        refusals.clear();
        return drained;
    }

    /** Distinct usernames with a failed sign-in within the alert window before {@code now}. */
    public synchronized int usernamesFailing(Instant now) {
        trim(now);
        Set<String> names = new HashSet<>();
        failures.forEach(failure -> names.add(failure.username));
        return names.size();
    }

    /** Forgets what can no longer matter: full buckets, old streaks, failures outside the alert window. */
    public synchronized void purge(Instant now) {
        sources.values().removeIf(bucket -> bucket.isFull(now));
        Instant stale = now.minus(settings.longestDelay()).minus(Duration.ofHours(1));
        streaks.values().removeIf(streak -> streak.lastFailure.isBefore(stale) && !now.isBefore(streak.waitUntil));
        trim(now);
    }

    private void trim(Instant now) {
        Instant since = now.minus(settings.alertWindow());
        while (!failures.isEmpty() && (failures.peekFirst().at.isBefore(since) || failures.size() > MAX_ENTRIES)) {
            failures.removeFirst();
        }
        dropOldest(sources);
        dropOldest(streaks);
    }

    private static void dropOldest(Map<String, ?> entries) {
        Iterator<String> oldest = entries.keySet().iterator();
        while (entries.size() > MAX_ENTRIES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static String key(String username, String source) {
        return username + "\n" + source;
    }

    private final class Bucket {
        private double tokens = settings.failuresPerMinute();
        private Instant refilledAt;

        Bucket(Instant now) {
            this.refilledAt = now;
        }

        private void refill(Instant now) {
            double minutes = Math.max(0, Duration.between(refilledAt, now).toNanos() / 60e9);
            tokens = Math.min(settings.failuresPerMinute(), tokens + minutes * settings.failuresPerMinute());
            refilledAt = now;
        }

        void take(Instant now) {
            refill(now);
            tokens = Math.max(-settings.failuresPerMinute(), tokens - 1);
        }

        Duration waitForToken(Instant now) {
            refill(now);
            if (tokens >= 1) {
                return Duration.ZERO;
            }
            double seconds = (1 - tokens) * 60.0 / settings.failuresPerMinute();
            return Duration.ofSeconds((long) Math.ceil(seconds));
        }

        boolean isFull(Instant now) {
            refill(now);
            return tokens >= settings.failuresPerMinute();
        }
    }

    private static final class Streak {
        int failures;
        Instant waitUntil = Instant.MIN;
        Instant lastFailure = Instant.MIN;
    }

    private record Failure(Instant at, String username) {
    }

    private static final class RefusalCount {
        long count;
        final Set<String> usernames = new HashSet<>();

        void add(String username) {
            count++;
            if (usernames.size() < MAX_USERNAMES_PER_SOURCE) {
                usernames.add(username);
            }
        }
    }
}
