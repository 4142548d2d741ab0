package org.strokescan.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.platform.Role;
import org.strokescan.security.control.AccountRepository;
import org.strokescan.security.entity.Account;
import org.strokescan.security.entity.LoginOutcome;
import org.strokescan.security.entity.LoginResult;

/** What {@link LoginAttempts#record} makes of one checked sign-in; the account store and audit trail are mocks. */
@ExtendWith(MockitoExtension.class)
class LoginAttemptsTest {

    private static final long ID = 42;
    private static final Instant NOW = Instant.parse("2026-12-10T09:00:00Z");

    @Mock
    AccountRepository repository;
    @Mock
    AuditTrail audit;

    private final LoginAttempts attempts = new LoginAttempts();
    private Account account;

    @BeforeEach
    void wire() {
        attempts.repository = repository;
        attempts.audit = audit;
        account = new Account("dr-a", "Dr A", Set.of(Role.CLINICIAN, Role.AUDITOR), "hash-1", false,
                NOW.minus(Duration.ofDays(30)));
        AccountsTest.setId(account, ID);
        lenient().when(repository.find(ID)).thenReturn(account);
    }

    @Test
    void aWrongPasswordIsCountedAndRecorded() {
        LoginResult result = attempts.record(ID, false, null, NOW, false);

        assertEquals(LoginOutcome.INVALID_CREDENTIALS, result.outcome());
        assertEquals(1, account.getFailedLogins());
        assertFailureRecorded(LoginOutcome.INVALID_CREDENTIALS);
    }

    @Test
    void aWrongPasswordSaysNothingAboutTheAccountsState() {
        account.issuePassword("hash-2", NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3)));
        account.disable();

        assertEquals(LoginOutcome.INVALID_CREDENTIALS, attempts.record(ID, false, null, NOW, true).outcome());
    }

    @Test
    void aDisabledAccountIsRefusedThoughThePasswordMatched() {
        account.disable();

        assertEquals(LoginOutcome.DISABLED, attempts.record(ID, true, null, NOW, false).outcome());
        assertFailureRecorded(LoginOutcome.DISABLED);
        assertNull(account.getLastLoginAt());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anIssuedPasswordPastItsExpiryIsRefusedOnPagesAndApiAlike(boolean api) {
        Instant issued = NOW.minus(Duration.ofDays(7));
        account.issuePassword("hash-2", issued, NOW);

        assertEquals(LoginOutcome.ISSUED_PASSWORD_EXPIRED, attempts.record(ID, true, null, NOW, api).outcome(),
                "from the expiry instant on");
        assertFailureRecorded(LoginOutcome.ISSUED_PASSWORD_EXPIRED);
        assertNull(account.getLastLoginAt());
    }

    @Test
    void anIssuedPasswordBeforeItsExpiryLetsThePagesIn() {
        account.issuePassword("hash-2", NOW.minus(Duration.ofDays(6)), NOW.plusSeconds(1));

        assertEquals(LoginOutcome.SUCCESS, attempts.record(ID, true, null, NOW, false).outcome());
    }

    @Test
    void theApiRefusesAnIssuedPasswordUntilTheUserChoseTheirOwn() {
        account.issuePassword("hash-2", NOW, NOW.plus(Duration.ofDays(7)));

        assertEquals(LoginOutcome.PASSWORD_CHANGE_REQUIRED, attempts.record(ID, true, null, NOW, true).outcome());
        assertFailureRecorded(LoginOutcome.PASSWORD_CHANGE_REQUIRED);

        account.setPassword("hash-3", false, NOW);
        assertEquals(LoginOutcome.SUCCESS, attempts.record(ID, true, null, NOW, true).outcome());
    }

    @Test
    void aSuccessResetsTheFailuresUpgradesTheHashAndRecordsTheSignInWithItsRoles() {
        account.recordFailedLogin();
        account.recordFailedLogin();
        long generation = account.getSessionGeneration();

        LoginResult result = attempts.record(ID, true, "hash-stronger", NOW, false);

        assertEquals(LoginOutcome.SUCCESS, result.outcome());
        assertEquals(EnumSet.of(Role.CLINICIAN, Role.AUDITOR), result.roles());
        assertEquals(generation, result.sessionGeneration(), "a rehash ends no session");
        assertEquals(0, account.getFailedLogins());
        assertEquals(NOW, account.getLastLoginAt());
        assertEquals("hash-stronger", account.getPasswordHash());
        verify(audit).recordSignIn(eq("dr-a"), eq(EnumSet.of(Role.CLINICIAN, Role.AUDITOR)),
                argThat(entry -> entry.action() == AuditAction.LOGIN_SUCCEEDED && entry.subject().equals("dr-a")));
        verify(audit, never()).record(any());
    }

    @Test
    void anAccountGoneSinceThePasswordCheckIsAFailureWithoutARecord() {
        assertEquals(LoginOutcome.INVALID_CREDENTIALS, attempts.record(7, true, null, NOW, false).outcome());
        verifyNoInteractions(audit);
    }

    private void assertFailureRecorded(LoginOutcome outcome) {
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.LOGIN_FAILED
                && entry.subject().equals("dr-a") && entry.detail().equals(outcome.name())));
        verify(audit, never()).recordSignIn(anyString(), anyCollection(), any());
    }
}
