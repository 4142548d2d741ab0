package org.strokescan.security.entity;

import java.time.Duration;
import java.util.Set;
import org.strokescan.platform.Role;

/**
 * The outcome of one login attempt and, on success, the roles to grant and the account's session generation,
 * which a session signed in by this attempt remembers (see {@link Account#getSessionGeneration()}); when throttled,
 * how long the caller must wait ({@link Duration#ZERO} otherwise).
 */
public record LoginResult(LoginOutcome outcome, Set<Role> roles, long sessionGeneration, Duration retryAfter) {

    public static LoginResult failed(LoginOutcome outcome) {
        return new LoginResult(outcome, Set.of(), -1, Duration.ZERO);
    }

    public static LoginResult throttled(Duration retryAfter) {
        return new LoginResult(LoginOutcome.THROTTLED, Set.of(), -1, retryAfter);
    }

    public static LoginResult succeeded(Set<Role> roles, long sessionGeneration) {
        return new LoginResult(LoginOutcome.SUCCESS, roles, sessionGeneration, Duration.ZERO);
    }

    public boolean succeeded() {
        return outcome.succeeded();
    }
}
