package org.strokescan.security.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/clinician/examination.xhtml?id=0b8e6f3c-2a41-4c1e-9d0f-6a1b2c3d4e5f",
            "/clinician/history.xhtml",
            "/auditor/examination.xhtml?id=0b8e6f3c-2a41-4c1e-9d0f-6a1b2c3d4e5f&viewExpired=true",
            "/index.xhtml"})
    void takesAPageOfThisApplication(String path) {
        assertEquals(Optional.of(new ReturnPath(path)), ReturnPath.of(path));
    }

    /** Open redirects and header tricks in every form seen in the wild, and pages that make no sense to return to. */
    @ParameterizedTest
    @ValueSource(strings = {
            "", "https://evil.example/clinician/index.xhtml", "//evil.example/index.xhtml", "/\\evil.example/a.xhtml",
            "\\\\evil.example/a.xhtml", "/%2F%2Fevil.example/a.xhtml", "javascript:alert(1)//.xhtml",
            "clinician/index.xhtml", "/clinician/../admin/users.xhtml", "/clinician/index.xhtml?x=1\r\nSet-Cookie:a=b",
            "/clinician/index.xhtml#top", "/clinician/slices", "/api/v1/examinations", "/login.xhtml",
            "/login.xhtml?return=/clinician/index.xhtml", "/error/500.xhtml", "/Clinician/index.xhtml",
            "/clinician/index.xhtml?id=<script>", "/clinician/index.xhtml?next=https://evil.example"})
    void refusesAnythingElse(String path) {
        assertTrue(ReturnPath.of(path).isEmpty(), path);
    }

    @Test
    void refusesNothingAndTooLong() {
        assertTrue(ReturnPath.of(null).isEmpty());
        assertTrue(ReturnPath.of("/index.xhtml?id=" + "a".repeat(ReturnPath.MAX_LENGTH)).isEmpty());
    }
}
