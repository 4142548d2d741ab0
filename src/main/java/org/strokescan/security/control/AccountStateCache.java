package org.strokescan.security.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.strokescan.security.entity.AccountState;

/**
 * Accounts as signed-in sessions see them, each read at most once per {@code lifetime} so that a page with many
 * requests does not read the account table for each. A change is seen at once where {@link #forget} is called: on
 * every node of a cluster, which hear of it through the data grid (SignedInSessions); else within {@code lifetime}.
 * Thread-safe; one entry per account with a signed-in session.
 */
public final class AccountStateCache {

    private record Entry(Optional<AccountState> state, Instant until) {
    }

    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public AccountStateCache(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Optional<AccountState> get(String username, Function<String, Optional<AccountState>> load) {
        Instant now = clock.instant();
        // loaded inside compute: a forget() for this account waits for a load under way, so a state read just
        // before a change was committed is never kept after it
        return entries.compute(username, (name, entry) -> entry != null && now.isBefore(entry.until()) ? entry
                : new Entry(load.apply(name), now.plus(lifetime))).state();
    }

    public void forget(String username) {
        entries.remove(username);
    }
}
