package org.strokescan.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    @Test
    void generatesDistinctPasswordsThatPassThePolicy() {
        PasswordGenerator generator = new PasswordGenerator();
        PasswordPolicy policy = PasswordPolicy.withBundledList();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = generator.next();
            assertEquals(20, password.length());
            assertTrue(password.matches("[a-km-zA-HJ-NP-Z2-9]+"), password);
            assertTrue(policy.check(password, "admin").isEmpty(), password);
            seen.add(password);
        }
        assertEquals(1000, seen.size());
    }
}
