package org.strokescan.security.entity;

import java.util.Set;

/** The outcome of one login attempt and, on success, the roles to grant. */
public record LoginResult(LoginOutcome outcome, Set<Role> roles) {

    public static LoginResult failed(LoginOutcome outcome) {
        return new LoginResult(outcome, Set.of());
    }

    public boolean succeeded() {
        return outcome.succeeded();
    }
}
