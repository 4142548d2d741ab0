package org.strokescan.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
