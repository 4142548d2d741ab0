package org.strokescan.security.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;
import org.strokescan.platform.Role;

/**
 * A read-only view of an account for listings; never carries the password hash.
 *
 * @param failedLogins failed sign-ins since the last successful one
 * @param slowed       whether sign-ins of this username wait after failures, from some source
 */
public record AccountSummary(long id, String username, String displayName, Set<Role> roles, boolean enabled,
                             int failedLogins, boolean slowed, boolean mustChangePassword, Instant createdAt,
                             Instant lastLoginAt) implements Serializable {

    public static AccountSummary of(Account account, boolean slowed) {
        return new AccountSummary(account.getId(), account.getUsername(), account.getDisplayName(),
                account.getRoles(), account.isEnabled(), account.getFailedLogins(), slowed,
                account.isMustChangePassword(), account.getCreatedAt(), account.getLastLoginAt());
    }
}
