package org.strokescan.security.entity;

import java.util.Set;
import org.strokescan.platform.Role;

/** What a signed-in session is checked against on each request: the account as it stands now. */
public record AccountState(String username, boolean enabled, long sessionGeneration, Set<Role> roles) {

    public AccountState {
        roles = Set.copyOf(roles);
    }

    public static AccountState of(Account account) {
        return new AccountState(account.getUsername(), account.isEnabled(), account.getSessionGeneration(),
                account.getRoles());
    }
}
