package org.strokescan.security.entity;

import java.time.Instant;
import java.util.Set;
import org.strokescan.platform.Role;

/** A read-only view of an account for listings; never carries the password hash. */
public record AccountSummary(long id, String username, String displayName, Set<Role> roles, boolean enabled,
                             boolean locked, boolean mustChangePassword, Instant createdAt, Instant lastLoginAt) {

    public static AccountSummary of(Account account, Instant now) {
        return new AccountSummary(account.getId(), account.getUsername(), account.getDisplayName(),
                account.getRoles(), account.isEnabled(), account.isLocked(now), account.isMustChangePassword(),
                account.getCreatedAt(), account.getLastLoginAt());
    }
}
