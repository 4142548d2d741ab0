package org.strokescan.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import jakarta.ejb.SessionContext;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Event;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.platform.Role;
import org.strokescan.security.control.AccountRepository;
import org.strokescan.security.control.PasswordHasher;
import org.strokescan.security.control.PasswordHashing;
import org.strokescan.security.control.VerifiedCredentials;
import org.strokescan.security.entity.Account;
import org.strokescan.security.entity.AccountChanged;
import org.strokescan.security.entity.AccountRejection;
import org.strokescan.security.entity.AccountRejection.Reason;
import org.strokescan.security.entity.IssuedPassword;
import org.strokescan.security.entity.LoginOutcome;
import org.strokescan.security.entity.LoginResult;

/**
 * The rules of {@link Accounts}, without a container. The subject, {@link LoginAttempts} and the sign-in guard
 * ({@link SignInGuard} over a real {@code SignInThrottle}) are ours and real; the account store, the audit trail,
 * the event, the caller and the container's timer service are mocks. PBKDF2 cannot run below 210,000 iterations,
 * so the password hasher is a mock that "hashes" to {@code test:<password>} and counts every check.
 */
@ExtendWith(MockitoExtension.class)
class AccountsTest {

    private static final String SOURCE = "203.0.113.7";
    private static final String ELSEWHERE = "198.51.100.20";
    /** {@code strokescan.security.max-failed-logins} in these tests: failures in a row before attempts wait. */
    private static final int FREE_FAILURES = 3;
    private static final int ISSUED_PASSWORD_DAYS = 7;

    @Mock
    AccountRepository repository;
    @Mock
    AuditTrail audit;
    @Mock
    Event<AccountChanged> changed;
    @Mock
    SessionContext session;
    @Mock
    PasswordHashing hashing;

    private PasswordHasher hasher;
    private SignInGuard guard;
    private Accounts accounts;
    private long nextId = 1;

    @BeforeEach
    void wire() {
        hasher = fakeHasher();
        lenient().when(hashing.hasher()).thenReturn(hasher);
        lenient().when(hashing.verified()).thenReturn(new VerifiedCredentials(Duration.ofMinutes(5), 100));
        lenient().when(session.getCallerPrincipal()).thenReturn(() -> "admin");

        guard = new SignInGuard();
        guard.timers = mock(TimerService.class);
        guard.audit = audit;
        guard.failuresPerMinute = 100;
        guard.freeFailures = FREE_FAILURES;
        guard.longestWaitMinutes = 15;
        guard.alertUsernames = 50;
        guard.alertMinutes = 10;
        guard.reportSeconds = 60;
        guard.start();

        LoginAttempts attempts = new LoginAttempts();
        attempts.repository = repository;
        attempts.audit = audit;

        accounts = new Accounts();
        accounts.repository = repository;
        accounts.hashing = hashing;
        accounts.attempts = attempts;
        accounts.audit = audit;
        accounts.changed = changed;
        accounts.guard = guard;
        accounts.session = session;
        accounts.issuedPasswordDays = ISSUED_PASSWORD_DAYS;
        accounts.init();
    }

    // ---- signing in

    @Test
    void aWrongPasswordIsRefusedAndCountedOnTheAccount() {
        Account account = stored("dr-a", "right horse battery", Role.CLINICIAN);

        LoginResult result = accounts.authenticate("dr-a", "wrong", SOURCE);

        assertEquals(LoginOutcome.INVALID_CREDENTIALS, result.outcome());
        assertEquals(1, account.getFailedLogins());
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.LOGIN_FAILED
                && entry.subject().equals("dr-a") && entry.detail().equals("INVALID_CREDENTIALS")));
    }

    @Test
    void theRightPasswordSignsInWithTheAccountsRolesAndSessionGeneration() {
        Account account = stored("dr-a", "right horse battery", Role.CLINICIAN, Role.AUDITOR);

        LoginResult result = accounts.authenticate("  DR-A ", "right horse battery", SOURCE);

        assertEquals(LoginOutcome.SUCCESS, result.outcome());
        assertEquals(EnumSet.of(Role.CLINICIAN, Role.AUDITOR), result.roles());
        assertEquals(account.getSessionGeneration(), result.sessionGeneration());
        verify(audit).recordSignIn(eq("dr-a"), eq(EnumSet.of(Role.CLINICIAN, Role.AUDITOR)),
                argThat(entry -> entry.action() == AuditAction.LOGIN_SUCCEEDED));
    }

    @Test
    void afterTheFreeFailuresEvenTheRightPasswordIsRefusedUncheckedAndWithoutARecordPerAttempt() {
        stored("dr-a", "right horse battery", Role.CLINICIAN);
        for (int i = 0; i < FREE_FAILURES; i++) {
            assertEquals(LoginOutcome.INVALID_CREDENTIALS, accounts.authenticate("dr-a", "guess " + i, SOURCE).outcome());
        }
        List<AuditEntry> recordedByFailures = recorded();
        assertEquals(FREE_FAILURES, count(recordedByFailures, AuditAction.LOGIN_FAILED));
        assertEquals(1, count(recordedByFailures, AuditAction.SIGN_IN_SLOWED), "the run of failures, once");

        int flood = 25;
        for (int i = 0; i < flood; i++) {
            LoginResult result = accounts.authenticate("dr-a", "right horse battery", SOURCE);
            assertEquals(LoginOutcome.THROTTLED, result.outcome());
            assertTrue(result.retryAfter().isPositive(), "says how long to wait: " + result.retryAfter());
        }

        verify(hasher, times(FREE_FAILURES)).verify(any(char[].class), anyString());
        verify(repository, times(FREE_FAILURES)).findByUsername("dr-a");
        assertEquals(recordedByFailures, recorded(), "no audit record for a refused attempt");
        // ... but one per period and source, with the count
        guard.report();
        verify(audit).recordSystem(eq(SignInGuard.COMPONENT), argThat(entry ->
                entry.action() == AuditAction.SIGN_INS_THROTTLED && entry.subject().equals(SOURCE)
                        && entry.detail().startsWith(flood + " sign-ins refused unchecked (1 usernames)")));
    }

    @Test
    void anUnknownUserCostsTheDecoyHashIsRecordedAndIsSlowedDownLikeAnyOther() {
        LoginResult result = accounts.authenticate("nobody", "some password", SOURCE);

        assertEquals(LoginOutcome.INVALID_CREDENTIALS, result.outcome());
        verify(hasher).verifyDecoy(any(char[].class));
        verify(hasher, never()).verify(any(char[].class), anyString());
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.LOGIN_FAILED
                && entry.subject().equals("nobody") && entry.detail().equals("unknown user")));

        for (int i = 1; i < FREE_FAILURES; i++) {
            accounts.authenticate("nobody", "some password", SOURCE);
        }
        assertEquals(LoginOutcome.THROTTLED, accounts.authenticate("nobody", "some password", SOURCE).outcome());
        verify(hasher, times(FREE_FAILURES)).verifyDecoy(any(char[].class));
    }

    @Test
    void aSuccessfulSignInEndsTheRunOfFailures() {
        stored("dr-a", "right horse battery", Role.CLINICIAN);
        for (int i = 1; i < FREE_FAILURES; i++) {
            accounts.authenticate("dr-a", "typo", SOURCE);
        }
        assertEquals(LoginOutcome.SUCCESS, accounts.authenticate("dr-a", "right horse battery", SOURCE).outcome());
        for (int i = 1; i < FREE_FAILURES; i++) {
            accounts.authenticate("dr-a", "typo", SOURCE);
        }

        assertFalse(guard.isSlowed("dr-a"), "the count started again after the success");
        assertEquals(LoginOutcome.SUCCESS, accounts.authenticate("dr-a", "right horse battery", SOURCE).outcome());
    }

    @Test
    void failuresFromOneAddressNeitherLockTheAccountNorSlowItsOwnerElsewhere() {
        Account account = stored("dr-a", "right horse battery", Role.CLINICIAN);
        for (int i = 0; i < FREE_FAILURES + 2; i++) {
            accounts.authenticate("dr-a", "guess " + i, SOURCE);
        }
        assertTrue(guard.isSlowed("dr-a"));

        assertEquals(LoginOutcome.SUCCESS, accounts.authenticate("dr-a", "right horse battery", ELSEWHERE).outcome());
        assertTrue(account.isEnabled());
    }

    @Test
    void aDisabledAccountIsRefusedWithTheRightPassword() {
        Account account = stored("dr-a", "right horse battery", Role.CLINICIAN);
        account.disable();

        assertEquals(LoginOutcome.DISABLED, accounts.authenticate("dr-a", "right horse battery", SOURCE).outcome());
        assertEquals(LoginOutcome.DISABLED, accounts.authenticateApi("dr-a", "right horse battery", SOURCE).outcome());
    }

    @Test
    void theApiRefusesAnIssuedPasswordThatThePagesLetIn() {
        Account account = stored("dr-a", "issued by admin", Role.CLINICIAN);
        account.issuePassword("test:issued by admin", Instant.now(), Instant.now().plus(Duration.ofDays(1)));

        assertEquals(LoginOutcome.PASSWORD_CHANGE_REQUIRED,
                accounts.authenticateApi("dr-a", "issued by admin", SOURCE).outcome());
        assertEquals(LoginOutcome.PASSWORD_CHANGE_REQUIRED,
                accounts.authenticateApi("dr-a", "issued by admin", SOURCE).outcome(), "not remembered as verified");
        assertEquals(LoginOutcome.SUCCESS, accounts.authenticate("dr-a", "issued by admin", SOURCE).outcome());
    }

    @Test
    void anExpiredIssuedPasswordIsRefused() {
        Account account = stored("dr-a", "issued by admin", Role.CLINICIAN);
        Instant issued = Instant.now().minus(Duration.ofDays(ISSUED_PASSWORD_DAYS + 1));
        account.issuePassword("test:issued by admin", issued, issued.plus(Duration.ofDays(ISSUED_PASSWORD_DAYS)));

        assertEquals(LoginOutcome.ISSUED_PASSWORD_EXPIRED,
                accounts.authenticate("dr-a", "issued by admin", SOURCE).outcome());
    }

    @Test
    void theApiChecksAPasswordOnceWhileTheAccountKeepsThatHash() {
        Account account = stored("dr-a", "right horse battery", Role.CLINICIAN);
        assertEquals(LoginOutcome.SUCCESS, accounts.authenticateApi("dr-a", "right horse battery", SOURCE).outcome());
        assertEquals(LoginOutcome.SUCCESS, accounts.authenticateApi("dr-a", "right horse battery", SOURCE).outcome());
        verify(hasher, times(1)).verify(any(char[].class), anyString());

        account.disable();
        assertEquals(LoginOutcome.DISABLED, accounts.authenticateApi("dr-a", "right horse battery", SOURCE).outcome(),
                "a remembered check does not outlive disabling");
        account.enable();
        account.setPassword("test:a new one entirely", false, Instant.now());
        assertEquals(LoginOutcome.INVALID_CREDENTIALS,
                accounts.authenticateApi("dr-a", "right horse battery", SOURCE).outcome(),
                "nor a change of password");
    }

    // ---- administration

    @Test
    void anAdminCannotDisableThemselves() {
        Account admin = stored("admin", "admin password", Role.ADMIN);

        AccountRejection refused = assertThrows(AccountRejection.class, () -> accounts.setEnabled("admin", false));

        assertEquals(Reason.SELF_LOCKOUT, refused.reason());
        assertTrue(admin.isEnabled());
        verifyNoInteractions(audit, changed);
    }

    @Test
    void anAdminDisablesAnotherAndEndsTheirSessions() {
        Account other = stored("dr-a", "right horse battery", Role.CLINICIAN);
        long generation = other.getSessionGeneration();

        accounts.setEnabled("dr-a", false);

        assertFalse(other.isEnabled());
        assertTrue(other.getSessionGeneration() > generation);
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.ACCOUNT_DISABLED
                && entry.subject().equals("dr-a")));
        verify(changed).fire(new AccountChanged("dr-a"));
    }

    @Test
    void anAdminCannotTakeTheirOwnAdminRoleAway() {
        Account admin = stored("admin", "admin password", Role.ADMIN, Role.AUDITOR);

        AccountRejection refused = assertThrows(AccountRejection.class,
                () -> accounts.assignRoles("admin", Set.of(Role.AUDITOR, Role.CLINICIAN)));

        assertEquals(Reason.SELF_LOCKOUT, refused.reason());
        assertEquals(EnumSet.of(Role.ADMIN, Role.AUDITOR), admin.getRoles());
        verifyNoInteractions(audit, changed);

        accounts.assignRoles("admin", Set.of(Role.ADMIN, Role.CLINICIAN));
        assertEquals(EnumSet.of(Role.ADMIN, Role.CLINICIAN), admin.getRoles(), "keeping ADMIN is fine");
    }

    @ParameterizedTest
    @MethodSource("badUsernames")
    void createRefusesAUsernameOutsideTheFormat(String username) {
        assertRefusedCreate(Reason.INVALID_USERNAME, () -> accounts.create(username, "Dr A", Set.of(Role.CLINICIAN)));
    }

    @ParameterizedTest
    @MethodSource("badDisplayNames")
    void createRefusesAMissingOrTooLongDisplayName(String displayName) {
        assertRefusedCreate(Reason.INVALID_DISPLAY_NAME,
                () -> accounts.create("dr-new", displayName, Set.of(Role.CLINICIAN)));
    }

    static Stream<Arguments> badUsernames() {
        return Stream.of(Arguments.of((String) null), Arguments.of(""), Arguments.of("ab"), Arguments.of("-dash-first"),
                Arguments.of("has space"), Arguments.of("semi;colon"), Arguments.of("\u00fcmlaut"),
                Arguments.of("x".repeat(Account.USERNAME_MAX + 1)));
    }

    static Stream<Arguments> badDisplayNames() {
        return Stream.of(Arguments.of((String) null), Arguments.of(""), Arguments.of("   "),
                Arguments.of("x".repeat(Account.DISPLAY_NAME_MAX + 1)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void createRefusesAnAccountWithoutARole(Set<Role> roles) {
        assertRefusedCreate(Reason.NO_ROLE, () -> accounts.create("dr-new", "Dr New", roles));
    }

    @Test
    void createRefusesATakenUsernameWhateverItsCase() {
        stored("dr-a", "right horse battery", Role.CLINICIAN);

        assertRefusedCreate(Reason.USERNAME_TAKEN, () -> accounts.create(" DR-A ", "Another A", Set.of(Role.AUDITOR)));
    }

    @Test
    void createIssuesAPasswordThatMustBeChangedAndExpires() {
        Instant before = Instant.now();
        IssuedPassword issued = accounts.create(" Dr.New ", "Dr New", Set.of(Role.CLINICIAN));
        Instant after = Instant.now();

        ArgumentCaptor<Account> added = ArgumentCaptor.forClass(Account.class);
        verify(repository).add(added.capture());
        Account account = added.getValue();
        assertEquals("dr.new", issued.username());
        assertEquals("dr.new", account.getUsername());
        assertEquals(EnumSet.of(Role.CLINICIAN), account.getRoles());
        assertTrue(hasher.verify(issued.password().toCharArray(), account.getPasswordHash()), "the shown password works");
        assertTrue(account.isMustChangePassword());
        assertExpiresAfterIssuedDays(account, before, after);
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.ACCOUNT_CREATED
                && entry.subject().equals("dr.new") && !entry.detail().contains(issued.password())));
        verify(changed).fire(new AccountChanged("dr.new"));
    }

    @Test
    void withIssuedPasswordDaysZeroAnIssuedPasswordDoesNotExpire() {
        accounts.issuedPasswordDays = 0;

        accounts.create("dr-new", "Dr New", Set.of(Role.CLINICIAN));

        ArgumentCaptor<Account> added = ArgumentCaptor.forClass(Account.class);
        verify(repository).add(added.capture());
        assertNull(added.getValue().getIssuedPasswordExpiresAt());
        assertTrue(added.getValue().isMustChangePassword());
    }

    @Test
    void resetPasswordIssuesAMustChangePasswordWithAnExpiryAndEndsSessions() {
        Account account = stored("dr-a", "right horse battery", Role.CLINICIAN);
        accounts.authenticate("dr-a", "typo", SOURCE);
        long generation = account.getSessionGeneration();

        Instant before = Instant.now();
        IssuedPassword issued = accounts.resetPassword("dr-a");
        Instant after = Instant.now();

        assertEquals("dr-a", issued.username());
        assertNotEquals("right horse battery", issued.password());
        assertTrue(hasher.verify(issued.password().toCharArray(), account.getPasswordHash()));
        assertFalse(hasher.verify("right horse battery".toCharArray(), account.getPasswordHash()));
        assertTrue(account.isMustChangePassword());
        assertExpiresAfterIssuedDays(account, before, after);
        assertEquals(0, account.getFailedLogins());
        assertTrue(account.getSessionGeneration() > generation);
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.PASSWORD_RESET
                && !entry.detail().contains(issued.password())));
        verify(changed).fire(new AccountChanged("dr-a"));
    }

    @Test
    void resetPasswordOfAnUnknownAccountIsRefused() {
        AccountRejection refused = assertThrows(AccountRejection.class, () -> accounts.resetPassword("nobody"));
        assertEquals(Reason.UNKNOWN_ACCOUNT, refused.reason());
    }

    @Test
    void unlockClearsTheFailuresAndLiftsTheWaits() {
        Account account = stored("dr-a", "right horse battery", Role.CLINICIAN);
        for (int i = 0; i < FREE_FAILURES; i++) {
            accounts.authenticate("dr-a", "guess " + i, SOURCE);
        }
        assertEquals(LoginOutcome.THROTTLED, accounts.authenticate("dr-a", "right horse battery", SOURCE).outcome());
        assertTrue(accounts.list().getFirst().slowed());

        accounts.unlock("dr-a");

        assertEquals(0, account.getFailedLogins());
        assertFalse(guard.isSlowed("dr-a"));
        assertFalse(accounts.list().getFirst().slowed());
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.ACCOUNT_UNLOCKED
                && entry.subject().equals("dr-a")));
        assertEquals(LoginOutcome.SUCCESS, accounts.authenticate("dr-a", "right horse battery", SOURCE).outcome());
    }

    // ---- one's own password

    @Test
    void changingOnesPasswordNeedsTheCurrentOneAndANewOne() {
        Account own = stored("admin", "admin password", Role.ADMIN);
        own.issuePassword("test:temporary phrase 19", Instant.now(), Instant.now().plus(Duration.ofDays(1)));

        assertEquals(Reason.WRONG_CURRENT_PASSWORD, assertThrows(AccountRejection.class,
                () -> accounts.changeOwnPassword("admin password", "Quite Another Phrase 42")).reason());
        assertEquals(Reason.PASSWORD_UNCHANGED, assertThrows(AccountRejection.class,
                () -> accounts.changeOwnPassword("temporary phrase 19", "temporary phrase 19")).reason());

        long generation = accounts.changeOwnPassword("temporary phrase 19", "Quite Another Phrase 42");

        assertEquals(own.getSessionGeneration(), generation);
        assertFalse(own.isMustChangePassword());
        assertNull(own.getIssuedPasswordExpiresAt());
        assertTrue(hasher.verify("Quite Another Phrase 42".toCharArray(), own.getPasswordHash()));
    }

    // ---- helpers

    /** PBKDF2's stand-in: {@code test:<password>}, so a test can see what was checked and what is stored. */
    private static PasswordHasher fakeHasher() {
        PasswordHasher fake = mock(PasswordHasher.class);
        lenient().when(fake.hash(any(char[].class)))
                .thenAnswer(call -> "test:" + new String(call.<char[]>getArgument(0)));
        lenient().when(fake.verify(any(char[].class), any()))
                .thenAnswer(call -> ("test:" + new String(call.<char[]>getArgument(0))).equals(call.getArgument(1)));
        return fake;
    }

    /** An account in the (mocked) store, findable by username and by id as JPA would find it. */
    private Account stored(String username, String password, Role... roles) {
        Account account = new Account(username, "Dr " + username, Set.of(roles), "test:" + password, false,
                Instant.now().minus(Duration.ofDays(30)));
        long id = nextId++;
        setId(account, id);
        lenient().when(repository.findByUsername(username)).thenReturn(Optional.of(account));
        lenient().when(repository.find(id)).thenReturn(account);
        lenient().when(repository.findAll()).thenReturn(List.of(account));
        return account;
    }

    static void setId(Account account, long id) {
        try {
            Field field = Account.class.getDeclaredField("id");
            field.setAccessible(true);
            field.set(account, id);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private void assertRefusedCreate(Reason reason, Executable create) {
        AccountRejection refused = assertThrows(AccountRejection.class, create);
        assertEquals(reason, refused.reason());
        verify(repository, never()).add(any());
        verifyNoInteractions(audit, changed);
    }

    private static void assertExpiresAfterIssuedDays(Account account, Instant before, Instant after) {
        Instant expires = account.getIssuedPasswordExpiresAt();
        Duration days = Duration.ofDays(ISSUED_PASSWORD_DAYS);
        assertTrue(!expires.isBefore(before.plus(days)) && !expires.isAfter(after.plus(days)),
                "expires " + ISSUED_PASSWORD_DAYS + " days after issue: " + expires);
        assertFalse(account.isIssuedPasswordExpired(after));
        assertTrue(account.isIssuedPasswordExpired(after.plus(days)));
    }

    private List<AuditEntry> recorded() {
        ArgumentCaptor<AuditEntry> entries = ArgumentCaptor.forClass(AuditEntry.class);
        verify(audit, atLeast(0)).record(entries.capture());
        return new ArrayList<>(entries.getAllValues());
    }

    private static long count(List<AuditEntry> entries, AuditAction action) {
        return entries.stream().filter(entry -> entry.action() == action).count();
    }
}
