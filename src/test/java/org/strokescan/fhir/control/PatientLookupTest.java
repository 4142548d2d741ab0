package org.strokescan.fhir.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The MRN in an EHR's Patient (a CDS Hooks prefetch): the hospital's identifier system only. */
class PatientLookupTest {

    static final String MRN_SYSTEM = "https://hospital.example.org/fhir/sid/mrn";

    private final PatientLookup lookup = new PatientLookup(Duration.ofSeconds(1), Duration.ofSeconds(1));

    private static String patient(String identifiers) {
        return "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"identifier\":[" + identifiers + "]}";
    }

    @Test
    void theIdentifierInTheHospitalsSystemIsTheMrn() {
        assertEquals(Optional.of("MRN-7"), lookup.identifierIn(patient(
                "{\"system\":\"https://other.example/mrn\",\"value\":\"X-1\"},"
                        + "{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"MRN-7\"}"), MRN_SYSTEM));
    }

    @Test
    void anotherHospitalsIdentifierOrNoneIsNoMrn() {
        assertEquals(Optional.empty(), lookup.identifierIn(patient(
                "{\"system\":\"https://other.example/mrn\",\"value\":\"MRN-7\"}"), MRN_SYSTEM));
        assertEquals(Optional.empty(), lookup.identifierIn(patient(
                "{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"  \"}"), MRN_SYSTEM));
        assertEquals(Optional.empty(), lookup.identifierIn("{\"resourceType\":\"Patient\"}", MRN_SYSTEM));
    }

    @Test
    void whatIsNotAPatientIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> lookup.identifierIn("{\"resourceType\":\"Observation\",\"status\":\"final\"}", MRN_SYSTEM));
        assertThrows(IllegalArgumentException.class, () -> lookup.identifierIn("{\"id\":\"p1\"}", MRN_SYSTEM));
        assertThrows(IllegalArgumentException.class, () -> lookup.identifierIn("not json", MRN_SYSTEM));
    }

    @Test
    void anUnreachableServerIsAReadFailureNamingTheCause() {
        PatientLookup.ReadFailure failure = assertThrows(PatientLookup.ReadFailure.class,
                () -> lookup.read("http://127.0.0.1:9/fhir", "p1", "token", MRN_SYSTEM));
        assertEquals("the EHR's FHIR server could not be reached", failure.getMessage());
    }
}
