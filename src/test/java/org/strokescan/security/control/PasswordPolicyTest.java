package org.strokescan.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.strokescan.security.entity.AccountRejection.Reason;

class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = PasswordPolicy.withBundledList();

    @ParameterizedTest
    @CsvSource({
            "short,                          PASSWORD_TOO_SHORT",
            "elevenchars,                    PASSWORD_TOO_SHORT",
            "password1234,                   PASSWORD_TOO_COMMON",
            "Password123!,                   PASSWORD_TOO_COMMON",
            "!!!football!!!,                 PASSWORD_TOO_COMMON",
            "qwertyuiop2024,                 PASSWORD_TOO_COMMON",
            "monkeymonkeymonkey,             PASSWORD_TOO_COMMON",
            "abcdabcdabcdabcd,               PASSWORD_TOO_COMMON",
            "my name is drhouse ok,          PASSWORD_CONTAINS_USERNAME",
    })
    void refuses(String password, Reason reason) {
        assertEquals(Optional.of(reason), POLICY.check(password, "drhouse"));
    }

    @Test
    void refusesOverlongPasswords() {
        assertEquals(Optional.of(Reason.PASSWORD_TOO_LONG), POLICY.check("x".repeat(129) + "yz", "someone"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"violet tractor spoon harbour", "Zq8#mW2!pL4@", "ஆறு தமிழ் சொற்கள் கொண்ட", "contraseña muy segura 7"})
    void acceptsStrongPasswordsInAnyScript(String password) {
        assertEquals(Optional.empty(), POLICY.check(password, "drhouse"));
    }

    @Test
    void countsCharactersNotBytes() {
        // 12 Tamil code points are enough, although they take 36 bytes
        assertEquals(Optional.empty(), POLICY.check("தமிழ்மொழிஅழகு", "x"));
        assertEquals(Optional.of(Reason.PASSWORD_TOO_SHORT), POLICY.check("😀".repeat(11), "x"));
    }
}
