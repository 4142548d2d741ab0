package org.strokescan.examination.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatientIdFormatTest {

    /** The default of {@code strokescan.patient-id.pattern}, as microprofile-config.properties ships it. */
    private final PatientIdFormat shipped = new PatientIdFormat("[A-Za-z0-9][A-Za-z0-9-]{2,31}");

    @ParameterizedTest
    @ValueSource(strings = {"MRN-0001", "123", "a1-b2-c3", "X2345678901234567890123456789012"})
    void theShippedFormatTakesLettersDigitsAndDashes(String id) {
        assertTrue(shipped.accepts(id), id);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ab", "-MRN", "bad mrn!", " MRN-1", "MRN-1 ", "MRN_1", "X23456789012345678901234567890123",
            "MRN-1\nPROVENANCE"})
    void theShippedFormatRefusesEverythingElse(String id) {
        assertFalse(shipped.accepts(id), String.valueOf(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\d{8}", "(?:\\d{8})"})
    void aHospitalSetsItsOwnFormat(String pattern) {
        PatientIdFormat hospital = new PatientIdFormat(pattern);
        assertTrue(hospital.accepts("01234567"));
        assertFalse(hospital.accepts("MRN-0001"));
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65})
    void noPatternTakesMoreThanTheDatabaseKeeps(int length) {
        assertTrue(new PatientIdFormat(".*").accepts("1".repeat(length)) == (length <= PatientIdFormat.MAX_LENGTH));
    }
}
