package org.strokescan.cds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PatientViewRequestTest {

    @Test
    void readsContextPrefetchAndTheEhrsFhirServer() throws HookRefused {
        PatientViewRequest request = PatientViewRequest.parse("""
                {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                 "fhirServer":"https://ehr.example.org/fhir",
                 "fhirAuthorization":{"access_token":"abc","token_type":"Bearer","expires_in":300,"scope":"x","subject":"s"},
                 "context":{"userId":"Practitioner/7","patientId":"pat-1"},
                 "prefetch":{"patient":{"resourceType":"Patient","id":"pat-1"}}}""");
        assertEquals("pat-1", request.patientId());
        assertEquals("Practitioner/7", request.userId());
        assertEquals(Optional.of("https://ehr.example.org/fhir"), request.fhirServer());
        assertEquals(Optional.of("abc"), request.accessToken());
        assertTrue(request.prefetchedPatient().orElseThrow().contains("\"resourceType\":\"Patient\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|not a JSON object",
            "[]|not a JSON object",
            "{\"hook\":\"order-select\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"}}|patient-view",
            "{\"hook\":\"patient-view\",\"context\":{\"patientId\":\"p\"}}|hookInstance",
            "{\"hook\":\"patient-view\",\"hookInstance\":\"x\"}|context",
            "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"../admin\"}}|FHIR id",
            "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":7}}|must be a string",
            "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"prefetch\":[]}|must be an object",
            "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"fhirAuthorization\":{}}|access_token"})
    void aMalformedRequestIsRefusedSayingWhat(String body, String named) {
        HookRefused refused = assertThrows(HookRefused.class, () -> PatientViewRequest.parse(body));
        assertEquals(400, refused.status());
        assertTrue(refused.detail().contains(named), refused.detail());
    }
}
