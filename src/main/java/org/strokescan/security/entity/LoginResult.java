package org.strokescan.security.entity;

import java.util.Set;
import org.strokescan.platform.Role;

/**
 * The outcome of one login attempt and, on success, the roles to grant and the account's session generation,
 * which a session signed in by this attempt remembers (see {@link Account#getSessionGeneration()}).
 */
public record LoginResult(LoginOutcome outcome, Set<Role> roles, long sessionGeneration) {

    public static LoginResult failed(LoginOutcome outcome) {
        return new LoginResult(outcome, Set.of(), -1);
    }

    public static LoginResult succeeded(Set<Role> roles, long sessionGeneration) {
        return new LoginResult(LoginOutcome.SUCCESS, roles, sessionGeneration);
    }

    public boolean succeeded() {
        return outcome.succeeded();
    }
}
