package org.strokescan.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountSeedingTest {

    @ParameterizedTest
    @CsvSource({
            "auto,  jdbc:h2:file:./data/strokescan,         true",
            "auto,  jdbc:postgresql://db:5432/strokescan,   false",
            "true,  jdbc:postgresql://db:5432/strokescan,   true",
            "false, jdbc:h2:file:./data/strokescan,         false",
            "AUTO , jdbc:h2:mem:x,                           true"})
    void demoAccountsOnlyOnTheEmbeddedDatabaseUnlessAskedFor(String demo, String url, boolean expected) {
        AccountSeeding seeding = new AccountSeeding();
        seeding.demo = demo;
        seeding.databaseUrl = url;
        assertEquals(expected, seeding.demoEnabled());
    }

    @ParameterizedTest
    @CsvSource({
            "false, false, true",
            "true,  false, false",
            "false, true,  false",
            "true,  true,  false"})
    void aGeneratedAdminPasswordOutsideDemoModeMustBeChangedAtFirstSignIn(boolean chosenByOperator, boolean demo,
                                                                           boolean mustChange) {
        AccountSeeding seeding = new AccountSeeding();
        seeding.demo = String.valueOf(demo);
        seeding.databaseUrl = "jdbc:postgresql://db:5432/strokescan";
        assertEquals(mustChange, seeding.adminMustChangePassword(chosenByOperator));
    }

    @Test
    void theConsoleNamesTheAccountsAndTheFileButNoPassword() {
        String shown = AccountSeeding.announcement(List.of("admin", "clinician1"), Path.of("/srv/data/initial-credentials.txt"));
        assertTrue(shown.contains("admin, clinician1"), shown);
        assertTrue(shown.contains("/srv/data/initial-credentials.txt"), shown);
        assertTrue(shown.contains("delete that file"), shown);
        assertFalse(shown.matches("(?s).*[A-Za-z0-9]{20}.*"), "no 20-character generated password: " + shown);
    }
}
