package org.strokescan.security.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.strokescan.platform.Role;

class SignedInSessionTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-04T08:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(720);
    private static final SignedInSession SESSION = new SignedInSession("dr.who", 3, SIGNED_IN);

    private static Optional<AccountState> account(boolean enabled, long generation, Role... roles) {
        return Optional.of(new AccountState("dr.who", enabled, generation, Set.of(roles)));
    }

    private static Optional<String> reasonAt(Optional<AccountState> account, Instant now) {
        return SESSION.endReason(account, now, LIFETIME);
    }

    @Test
    void goesOnWhileTheAccountIsUnchangedWhateverItsRoles() {
        Instant later = SIGNED_IN.plus(Duration.ofHours(3));
        assertEquals(Optional.empty(), reasonAt(account(true, 3, Role.CLINICIAN), later));
        assertEquals(Optional.empty(), reasonAt(account(true, 3, Role.AUDITOR), later), "roles are granted afresh, not a reason");
    }

    @Test
    void endsWhenTheAccountIsDisabledOrGone() {
        assertEquals(Optional.of("account disabled"), reasonAt(account(false, 3, Role.CLINICIAN), SIGNED_IN));
        assertEquals(Optional.of("account removed"), reasonAt(Optional.empty(), SIGNED_IN));
    }

    @Test
    void endsWhenThePasswordWasChangedOrResetSinceTheSignIn() {
        assertEquals(Optional.of("password changed or reset"), reasonAt(account(true, 4, Role.CLINICIAN), SIGNED_IN));
    }

    @Test
    void endsAtItsAbsoluteLifetimeHoweverActive() {
        assertEquals(Optional.empty(), reasonAt(account(true, 3, Role.CLINICIAN), SIGNED_IN.plus(LIFETIME).minusSeconds(1)));
        assertEquals(Optional.of("session lifetime of 720 minutes reached"),
                reasonAt(account(true, 3, Role.CLINICIAN), SIGNED_IN.plus(LIFETIME)));
    }

    @Test
    void anOwnPasswordChangeKeepsTheSignInTime() {
        SignedInSession renewed = SESSION.withGeneration(4);
        assertEquals(SIGNED_IN, renewed.signedInAt());
        assertEquals(Optional.empty(), renewed.endReason(account(true, 4, Role.CLINICIAN), SIGNED_IN, LIFETIME));
    }
}
