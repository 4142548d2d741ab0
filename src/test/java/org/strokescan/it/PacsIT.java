package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.testing.CtSeries;
import org.strokescan.testing.Orthanc;

/**
 * DICOM from a real PACS: Debian's Orthanc, configured with payara-config/orthanc, forwards each stable CT study to
 * StrokeScan's STOW-RS receiver as the demo sending system pacs1; the study reaches the clinicians' worklist with
 * its verdict. And what a PACS may send wrong, each answered per PS3.18 with its reason, never a 5xx.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PacsIT {

    /** A brain-ct patient with haemorrhage (CT-ICH patient 97). */
    private static final int PATIENT = 97;

    @ArquillianResource
    URL base;

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"));
    }

    @BeforeEach
    void modelIsReady() throws Exception {
        Api.awaitModel(api());
    }

    @Test
    void aStudyStoredIntoThePacsReachesEveryCliniciansWorklistWithItsVerdict() throws Exception {
        CtSeries.Summary study = CtSeries.ofPatient(PATIENT, 12, "pacs-it-orthanc", temp.resolve("study"),
                "--shuffle-instance-numbers");
        try (Orthanc orthanc = Orthanc.start(api().resolve("/dicomweb"), "pacs1",
                SeededAccounts.get("pacs1").password())) {
            orthanc.storeAll(study.folder());
            Api.await("the study on clinician1's worklist with its verdict", Duration.ofSeconds(180), () ->
                    entry("clinician1", study.studyInstanceUid()).filter(PacsIT::classified).isPresent());
            Orthanc.StowJob job = orthanc.lastStowJob().orElseThrow();
            assertEquals("Success", job.state(), "Orthanc's STOW-RS job: " + job.content() + "\n" + orthanc.log());
        }
        JsonObject entry = entry("clinician1", study.studyInstanceUid()).orElseThrow();
        assertAll(
                () -> assertEquals("pacs", entry.getString("source")),
                () -> assertEquals(study.patientId(), entry.getString("patientId")),
                () -> assertEquals(study.accessionNumber(), entry.getString("accessionNumber")),
                () -> assertEquals(12, entry.getInt("slices")),
                () -> assertTrue(List.of("suspected", "not-suspected").contains(entry.getString("verdict")),
                        entry.toString()),
                () -> assertTrue(entry.getJsonNumber("probability").doubleValue() >= 0, entry.toString()),
                () -> assertEquals("new", entry.getString("state")),
                // a department study: every clinician has it
                () -> assertTrue(entry("clinician2", study.studyInstanceUid()).isPresent()));

        // each slice is filed under its SOP Instance UID (the order along the slice normal: SeriesChoiceTest)
        JsonObject record = json(Api.send(api(), "GET", "/api/v1/examinations/" + entry.getString("examinationId"),
                "clinician1", null));
        assertEquals(java.util.Set.copyOf(study.sopInstanceUids()), record.getJsonArray("slices").stream()
                .map(s -> s.asJsonObject().getString("fileName")).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void whatAPacsSendsWrongIsAnsweredPerInstanceWithItsReasonNeverA5xx() throws Exception {
        String pacs = SeededAccounts.get("pacs1").password();
        CtSeries.Summary good = CtSeries.ofPatient(PATIENT, 4, "pacs-it-good", temp.resolve("good"));
        List<String> table = new ArrayList<>();
        List<Executable> checks = new ArrayList<>();

        HttpResponse<String> first = stow("pacs1", pacs, CtSeries.files(good));
        table.add(row("4 good CT head slices", first));
        checks.add(() -> assertEquals(200, first.statusCode(), first.body()));
        HttpResponse<String> again = stow("pacs1", pacs, CtSeries.files(good));
        table.add(row("the same 4 again", again));
        checks.add(() -> assertEquals(200, again.statusCode(), again.body()));
        checks.add(() -> assertTrue(again.body().contains("stored before"), again.body()));

        expect(table, checks, "an MR study", 409, "MR", CtSeries.ofPatient(PATIENT, 2, "pacs-it-mr",
                temp.resolve("mr"), "--modality", "MR"), pacs);
        expect(table, checks, "a chest CT (BodyPartExamined CHEST)", 409, "", CtSeries.ofPatient(PATIENT, 2,
                "pacs-it-chest", temp.resolve("chest"), "--body-part", "CHEST", "--study-description", "CT THORAX"),
                pacs);
        expect(table, checks, "localizers", 409, "localizer", CtSeries.ofPatient(PATIENT, 2, "pacs-it-scout",
                temp.resolve("scout"), "--localizer"), pacs);
        expect(table, checks, "the last of 3 slices truncated", 202, "", CtSeries.ofPatient(PATIENT, 3,
                "pacs-it-cut", temp.resolve("cut"), "--truncate-last", "1000"), pacs);
        expect(table, checks, "an anonymised minimal export", 200, "", CtSeries.ofPatient(PATIENT, 2,
                "pacs-it-minimal", temp.resolve("minimal"), "--minimal"), pacs);
        expect(table, checks, "Implicit VR Little Endian", 200, "", CtSeries.ofPatient(PATIENT, 2,
                "pacs-it-implicit", temp.resolve("implicit"), "--implicit-vr"), pacs);

        Path notDicom = Files.writeString(temp.resolve("note.txt"), "not an image");
        HttpResponse<String> text = stow("pacs1", pacs, List.of(notDicom));
        table.add(row("a text file", text));
        checks.add(() -> assertEquals(409, text.statusCode(), text.body()));
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(api().resolve("/dicomweb/studies"))
                .header("Authorization", Api.basic("pacs1", pacs)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        table.add(row("application/json", json));
        checks.add(() -> assertEquals(415, json.statusCode(), json.body()));
        HttpResponse<String> clinician = stow("clinician1", SeededAccounts.get("clinician1").password(),
                CtSeries.files(good));
        table.add(row("sent by a clinician", clinician));
        checks.add(() -> assertEquals(403, clinician.statusCode()));
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(api().resolve("/dicomweb/studies"))
                .header("Content-Type", Stow.CONTENT_TYPE + "x").POST(HttpRequest.BodyPublishers.ofString("--x--"))
                .build(), HttpResponse.BodyHandlers.ofString());
        table.add(row("no credentials", anonymous));
        checks.add(() -> assertEquals(401, anonymous.statusCode()));
        HttpResponse<String> wrongStudy = send("pacs1", pacs, "/dicomweb/studies/1.2.3.4", CtSeries.files(good));
        table.add(row("instances of another study than the URL's", wrongStudy));
        checks.add(() -> assertEquals(409, wrongStudy.statusCode(), wrongStudy.body()));

        System.out.println("STOW-RS bad input (case, status, failure reasons):\n" + String.join("\n", table));
        assertAll(checks);
        // the resend stored nothing twice: the study is classified from its 4 slices once
        Api.await("the good study classified", Duration.ofSeconds(120), () -> entry("clinician1",
                good.studyInstanceUid()).filter(PacsIT::classified).isPresent());
        assertEquals(4, entry("clinician1", good.studyInstanceUid()).orElseThrow().getInt("slices"));
    }

    private void expect(List<String> table, List<Executable> checks, String what, int status, String reason,
                        CtSeries.Summary study, String password) throws Exception {
        HttpResponse<String> answer = stow("pacs1", password, CtSeries.files(study));
        table.add(row(what, answer));
        checks.add(() -> assertEquals(status, answer.statusCode(), what + ": " + answer.body()));
        checks.add(() -> assertTrue(answer.body().contains(reason), what + ": " + answer.body()));
        checks.add(() -> assertTrue(answer.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/dicom+json"), what));
    }

    private static String row(String what, HttpResponse<String> answer) {
        String reasons = "";
        if (answer.headers().firstValue("Content-Type").orElse("").startsWith("application/dicom+json")) {
            JsonObject body = Json.createReader(new StringReader(answer.body())).readObject();
            if (body.containsKey("00081198")) {
                reasons = body.getJsonObject("00081198").getJsonArray("Value").stream()
                        .map(JsonValue::asJsonObject)
                        .map(i -> String.format("0x%04X %s", i.getJsonObject("00081197").getJsonArray("Value").getInt(0),
                                i.containsKey("00000902") ? i.getJsonObject("00000902").getJsonArray("Value").getString(0)
                                        : ""))
                        .distinct().reduce((a, b) -> a + " | " + b).orElse("");
            }
        }
        return String.format("| %s | %d | %s |", what, answer.statusCode(), reasons);
    }

    private HttpResponse<String> stow(String user, String password, List<Path> files) throws Exception {
        return send(user, password, "/dicomweb/studies", files);
    }

    private HttpResponse<String> send(String user, String password, String path, List<Path> files) throws Exception {
        return Stow.send(api(), user, password, path, files);
    }

    /** Every slice of the study classified (the verdict is there from the first slice on; classifiedAt at the end). */
    private static boolean classified(JsonObject entry) {
        return entry.containsKey("classifiedAt") && !entry.isNull("classifiedAt");
    }

    private Optional<JsonObject> entry(String clinician, String studyInstanceUid) throws Exception {
        HttpResponse<String> answer = Api.send(api(), "GET", "/api/v1/worklist", clinician, null);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonArray list = Json.createReader(new StringReader(answer.body())).readArray();
        return list.stream().map(JsonValue::asJsonObject)
                .filter(e -> e.containsKey("studyInstanceUid") && !e.isNull("studyInstanceUid")
                        && e.getString("studyInstanceUid").equals(studyInstanceUid)).findFirst();
    }

    private static JsonObject json(HttpResponse<String> answer) throws IOException {
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    private URI api() {
        return URI.create(base.toString());
    }
}
