package org.strokescan.security.entity;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a page session remembers of its sign-in: who, the account's session generation at that moment, and when.
 * Checked against the account on every request; see {@link #endReason}.
 */
public record SignedInSession(String username, long sessionGeneration, Instant signedInAt) implements Serializable {

    /**
     * Why this session must end now, or empty while it may go on: the account is gone or disabled, its password was
     * changed or reset since the sign-in (the generation moved on), or the session outlived {@code maxLifetime}.
     * Roles are not a reason: a session goes on with the roles the account holds now.
     */
    public Optional<String> endReason(Optional<AccountState> account, Instant now, Duration maxLifetime) {
        if (account.isEmpty()) {
            return Optional.of("account removed");
        }
        if (!account.get().enabled()) {
            return Optional.of("account disabled");
        }
        if (account.get().sessionGeneration() != sessionGeneration) {
            return Optional.of("password changed or reset");
        }
        if (!now.isBefore(signedInAt.plus(maxLifetime))) {
            return Optional.of("session lifetime of " + maxLifetime.toMinutes() + " minutes reached");
        }
        return Optional.empty();
    }

    /** The same session after the user changed their own password: it goes on, sessions elsewhere end. */
    public SignedInSession withGeneration(long newGeneration) {
        return new SignedInSession(username, newGeneration, signedInAt);
    }
}
