package org.strokescan.security.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strokescan.platform.Role;

class AccountTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static Account clinician() {
        return new Account("dr.who", "Dr Who", Set.of(Role.CLINICIAN), "pbkdf2-sha256:1:a:b", false, T0);
    }

    @Test
    void failuresAreCountedUntilASuccessANewPasswordOrAnAdministratorClearsThem() {
        Account account = clinician();
        for (int i = 0; i < 7; i++) {
            account.recordFailedLogin();
        }
        assertEquals(7, account.getFailedLogins(), "counted, never locked: the throttle slows failures down");
        account.recordSuccessfulLogin(T0);
        assertEquals(0, account.getFailedLogins());
        assertEquals(T0, account.getLastLoginAt());

        account.recordFailedLogin();
        account.setPassword("pbkdf2-sha256:1:c:d", true, T0);
        assertEquals(0, account.getFailedLogins());
        assertTrue(account.isMustChangePassword());

        account.recordFailedLogin();
        account.clearFailedLogins();
        assertEquals(0, account.getFailedLogins());
    }

    @Test
    void anIssuedPasswordStopsWorkingAtItsExpiryUnlessTheUserChoseTheirOwn() {
        Account account = clinician();
        assertFalse(account.isIssuedPasswordExpired(T0.plusSeconds(1_000_000_000)), "a chosen password never expires");
        Instant expiry = T0.plusSeconds(7 * 24 * 3600);
        account.issuePassword("pbkdf2-sha256:1:e:f", T0, expiry);
        assertTrue(account.isMustChangePassword());
        assertFalse(account.isIssuedPasswordExpired(expiry.minusSeconds(1)));
        assertTrue(account.isIssuedPasswordExpired(expiry));
        account.setPassword("pbkdf2-sha256:1:g:h", false, expiry.minusSeconds(60));
        assertFalse(account.isIssuedPasswordExpired(expiry.plusSeconds(1)), "the user's own password");
        assertEquals(null, account.getIssuedPasswordExpiresAt());
    }

    @Test
    void disablingAndNewPasswordsEndTheSessionsSignedInBeforeButRolesAndRehashingDoNot() {
        Account account = clinician();
        long signedIn = account.getSessionGeneration();
        account.assignRoles(Set.of(Role.AUDITOR));
        account.upgradeHash("pbkdf2-sha256:2:a:b");
        account.clearFailedLogins();
        account.enable();
        assertEquals(signedIn, account.getSessionGeneration(), "roles, a stronger hash, clearing failures: sessions go on");
        account.disable();
        assertTrue(account.getSessionGeneration() > signedIn, "disabled");
        long afterDisable = account.getSessionGeneration();
        account.enable();
        account.setPassword("pbkdf2-sha256:1:c:d", true, T0);
        assertTrue(account.getSessionGeneration() > afterDisable, "a new password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Admin", "name with space", "<script>", "x'; drop table account;--", "-leading"})
    void refusesMalformedUsernames(String username) {
        assertThrows(IllegalArgumentException.class,
                () -> new Account(username, "Name", Set.of(Role.ADMIN), "hash", false, T0));
    }

    @Test
    void needsAtLeastOneRoleAndAName() {
        assertThrows(IllegalArgumentException.class, () -> new Account("valid", "Name", List.of(), "hash", false, T0));
        assertThrows(IllegalArgumentException.class, () -> new Account("valid", " ", Set.of(Role.ADMIN), "hash", false, T0));
        assertThrows(IllegalArgumentException.class,
                () -> new Account("valid", "x".repeat(129), Set.of(Role.ADMIN), "hash", false, T0));
    }

    @Test
    void rolesCannotBeChangedThroughTheGetter() {
        Account account = clinician();
        account.getRoles().add(Role.ADMIN);
        assertFalse(account.hasRole(Role.ADMIN));
    }
}
