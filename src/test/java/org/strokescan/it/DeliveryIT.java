package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.strokescan.training.HeadPhantom;

/**
 * Reports reach a real FHIR server (HAPI's RestfulServer, {@link TestEhr}) exactly once, whatever the EHR does:
 * answers at once, fails, answers too late, refuses, or is down for a while. Read back from the server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeliveryIT {

    static final String MRN_SYSTEM = "https://hospital.example.org/fhir/sid/mrn";
    static final String EXAMINATION_SYSTEM = "https://strokescan.org/fhir/sid/examination";
    static final String FINDING_SYSTEM = "https://strokescan.org/fhir/sid/finding";

    static TestEhr ehr;

    @ArquillianResource
    URL base;

    /** The examinations this class started. */
    private static final Set<String> examinations = ConcurrentHashMap.newKeySet();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"));
    }

    @BeforeAll
    static void startEhr() throws Exception {
        ehr = new TestEhr(TestEhr.testPort());
        ehr.start();
    }

    @AfterAll
    static void stopEhr() throws Exception {
        ehr.stop();
    }

    @BeforeEach
    void modelIsReady() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
    }

    @Test
    void aSignedStudyReachesTheEhrAsOneFinalReportWithItsFindings() throws Exception {
        String patient = newPatient();
        String examination = examinationWithSlices(patient, 2);
        sign(examination);
        DiagnosticReport report = awaitReport(examination, "final");

        // read back over HTTP from the FHIR server, as any client of the EHR would
        DiagnosticReport read = FhirContext.forR4Cached().newRestfulGenericClient(ehrBase())
                .read().resource(DiagnosticReport.class).withId(report.getIdElement().getIdPart()).execute();
        assertEquals(DiagnosticReport.DiagnosticReportStatus.FINAL, read.getStatus());
        assertTrue(read.getConclusion().startsWith("Clinician's finding: ")
                && read.getConclusion().contains("(signed by clinician1, "), read.getConclusion());
        assertEquals(3, read.getResult().size(), "study finding and two slices");
        Patient subject = ehr.find(Patient.class, MRN_SYSTEM, patient).getFirst();
        assertEquals("Patient/" + subject.getIdElement().getIdPart(), read.getSubject().getReference());
        assertEquals(1, ehr.find(Patient.class, MRN_SYSTEM, patient).size(), "the patient once");
        assertEquals(1, ehr.find(Observation.class, FINDING_SYSTEM, examination + "-study").size());
        for (var result : read.getResult()) {
            assertTrue(result.getReference().startsWith("Observation/"), result.getReference());
        }
        List<Provenance> provenances = ehr.all(Provenance.class).stream()
                .filter(p -> p.getTargetFirstRep().getReference().equals("DiagnosticReport/" + read.getIdElement().getIdPart()))
                .toList();
        assertTrue(provenances.stream().anyMatch(p -> p.getAgent().size() == 2), "model as author, clinician as verifier");
        assertEquals(0, pending(), "nothing left to send");

        FacesClient clinician = new FacesClient(URI.create(base.toString()));
        clinician.login("clinician1", SeededAccounts.get("clinician1").password());
        String page = clinician.get("/clinician/examination.xhtml?id=" + examination).body();
        assertTrue(page.contains("Report to the EHR: <span id=\"delivery\">delivered</span>"), "the clinician sees it delivered");
    }

    @Test
    void failuresAndTimeoutsDelayTheReportButNeverDuplicateIt() throws Exception {
        String patient = newPatient();
        ehr.misbehave(patient, TestEhr.Fault.SERVER_ERROR, TestEhr.Fault.SERVER_ERROR, TestEhr.Fault.SLOW);
        String examination = examinationWithSlices(patient, 1);
        awaitReport(examination, "preliminary");
        sign(examination);
        awaitReport(examination, "final");
        assertEquals(1, ehr.find(DiagnosticReport.class, EXAMINATION_SYSTEM, examination).size());
        assertEquals(1, ehr.find(Patient.class, MRN_SYSTEM, patient).size());
        assertEquals(1, ehr.find(Observation.class, FINDING_SYSTEM, examination + "-study").size());
        // the preliminary report met both 500s and the timeout (the EHR stored it after the client gave up); the
        // final one, queued while it waited, superseded it and went through
        List<JsonObject> messages = deliveries(null).stream().filter(m -> m.getString("examinationId").equals(examination)).toList();
        int attempts = messages.stream().mapToInt(m -> m.getInt("attempts")).sum();
        assertTrue(attempts >= 4, "two HTTP 500s and a timeout were retried: " + messages);
        assertTrue(messages.stream().anyMatch(m -> m.getString("kind").equals("FINAL") && m.getString("state").equals("SENT")),
                messages.toString());
        assertTrue(messages.stream().allMatch(m -> List.of("SENT", "SUPERSEDED").contains(m.getString("state"))), messages.toString());
    }

    @Test
    void aRefusedReportIsParkedShownToTheAdminAndSentWhenRetried() throws Exception {
        String patient = newPatient();
        ehr.misbehave(patient, TestEhr.Fault.REJECT);
        String examination = examinationWithSlices(patient, 1);
        Api.await("the refused report is parked", Duration.ofSeconds(30),
                () -> messagesOf(examination).stream().anyMatch(m -> m.getString("state").equals("FAILED")));
        JsonObject failed = messagesOf(examination).getFirst();
        assertTrue(failed.getString("lastError").contains("HTTP 422"), failed.toString());
        assertTrue(ehr.find(DiagnosticReport.class, EXAMINATION_SYSTEM, examination).isEmpty());

        FacesClient admin = new FacesClient(URI.create(base.toString()));
        admin.login("admin", SeededAccounts.get("admin").password());
        String page = admin.get("/admin/deliveries.xhtml").body();
        assertTrue(page.contains(patient) && page.contains("HTTP 422") && page.contains("Failed"), "shown on the admin page");

        HttpResponse<String> retried = send("POST", "/api/v1/deliveries/" + failed.getString("id") + "/retry", "admin", null);
        assertEquals(204, retried.statusCode(), retried.body());
        awaitReport(examination, "preliminary");
        assertEquals(1, ehr.find(DiagnosticReport.class, EXAMINATION_SYSTEM, examination).size());
        assertEquals(403, send("POST", "/api/v1/deliveries/" + failed.getString("id") + "/retry", "clinician1", null).statusCode(),
                "only admins act on the queue");

        // each step once in the audit trail, with who did it: the relay for the deliveries, the admin for the retry
        List<org.hl7.fhir.r4.model.AuditEvent> events = AuditApi.recent(URI.create(base.toString()));
        var refused = AuditApi.about(events, "patient " + patient, "REPORT_FAILED");
        assertEquals(1, refused.size());
        assertEquals("system:ehr-relay", AuditApi.actor(refused.getFirst()));
        var retriedEvents = AuditApi.about(events, "patient " + patient, "DELIVERY_RETRIED");
        assertEquals(1, retriedEvents.size());
        assertEquals("admin", AuditApi.actor(retriedEvents.getFirst()));
        assertEquals(1, AuditApi.about(events, "patient " + patient, "REPORT_QUEUED").size());
        Api.await("the delivery is in the audit trail", Duration.ofSeconds(10), () -> AuditApi.about(
                AuditApi.recent(URI.create(base.toString())), "patient " + patient, "REPORT_SENT").size() == 1);
    }

    @Test
    void anEhrThatIsDownGetsEverythingOnceWhenItIsBack() throws Exception {
        ehr.stop();
        try {
            String patient = newPatient();
            String examination = examinationWithSlices(patient, 1);
            sign(examination);
            Api.await("a delivery attempt failed", Duration.ofSeconds(30),
                    () -> messagesOf(examination).stream().anyMatch(m -> m.getInt("attempts") > 0));
            String ready = get("/health/ready", null).body();
            assertTrue(ready.contains("\"ehr-outbox\"") && !ready.contains("\"backlog\":0"), ready);
        } finally {
            ehr.start();
        }
        Api.await("the backlog is delivered", Duration.ofSeconds(60), () -> pending() == 0);
        for (DiagnosticReport report : ehr.all(DiagnosticReport.class)) {
            String id = report.getIdentifierFirstRep().getValue();
            assertEquals(1, ehr.find(DiagnosticReport.class, EXAMINATION_SYSTEM, id).size(), "one report per examination");
        }
        // what a sign-off waited for, here, from being queued to the EHR's acknowledgement
        List<Long> latencies = new ArrayList<>();
        for (JsonObject m : deliveries("SENT")) {
            latencies.add(Duration.between(Instant.parse(m.getString("createdAt")), Instant.parse(m.getString("sentAt"))).toMillis());
        }
        System.out.println("delivery latency (ms, queued to acknowledged, faults included): " + latencies.stream().sorted().toList());
    }

    // --- helpers ---

    private DiagnosticReport awaitReport(String examination, String status) throws Exception {
        Api.await("report " + examination + " " + status, Duration.ofSeconds(60), () -> ehr.find(DiagnosticReport.class,
                EXAMINATION_SYSTEM, examination).stream().anyMatch(r -> r.getStatus().toCode().equals(status)));
        return ehr.find(DiagnosticReport.class, EXAMINATION_SYSTEM, examination).getFirst();
    }

    private static String newPatient() {
        return "MRN-D" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String examinationWithSlices(String patient, int slices) throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/examinations", "clinician1",
                "{\"patientId\":\"" + patient + "\"}");
        assertEquals(201, started.statusCode(), started.body());
        String id = Json.createReader(new StringReader(started.body())).readObject().getString("id");
        examinations.add(id);
        for (int i = 0; i < slices; i++) {
            HttpResponse<String> slice = Api.addSlice(URI.create(base.toString()), "clinician1", id, "slice.png",
                    HeadPhantom.png(256, i == 0, 0.9 + 0.01 * i));
            assertEquals(201, slice.statusCode(), slice.body());
        }
        return id;
    }

    private void sign(String examination) throws Exception {
        HttpResponse<String> signed = send("POST", "/api/v1/examinations/" + examination + "/signature", "clinician1",
                "{\"agrees\":true}");
        assertEquals(201, signed.statusCode(), signed.body());
    }

    private List<JsonObject> messagesOf(String examination) throws Exception {
        return deliveries(null).stream().filter(m -> m.getString("examinationId").equals(examination))
                .filter(m -> !m.getString("state").equals("SUPERSEDED")).toList();
    }

    /**
     * This class's reports still waiting. Not the whole queue: the ITs before it signed studies while no EHR ran, and
     * an amended report of theirs waits for ever behind its parked original (each examination's reports go in order).
     */
    private long pending() throws Exception {
        return deliveries("PENDING").stream().filter(m -> examinations.contains(m.getString("examinationId"))).count();
    }

    private List<JsonObject> deliveries(String state) throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/deliveries?max=1000" + (state == null ? "" : "&state=" + state),
                "admin", null);
        assertEquals(200, response.statusCode(), response.body());
        JsonArray rows = Json.createReader(new StringReader(response.body())).readArray();
        return rows.getValuesAs(JsonObject.class);
    }

    private HttpResponse<String> send(String method, String path, String user, String json) throws Exception {
        return Api.send(URI.create(base.toString()), method, path, user, json);
    }

    private HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String ehrBase() {
        return "http://127.0.0.1:" + TestEhr.testPort() + "/fhir";
    }

    private static String basic(String user) {
        return Api.basic(user, SeededAccounts.get(user).password());
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }
}
