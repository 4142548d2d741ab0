package org.strokescan.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

    @Test
    void aForwardedSchemeIsTakenFromATrustedProxyOnly() {
        assertTrue(SecurityHeadersFilter.forwardedSchemeRefused(true, false), "anyone else naming the scheme");
        assertFalse(SecurityHeadersFilter.forwardedSchemeRefused(true, true), "the trusted proxy");
        assertFalse(SecurityHeadersFilter.forwardedSchemeRefused(false, false), "a request that names none");
    }
}
