package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
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
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.testing.CtSeries;
import org.strokescan.training.HeadPhantom;

/**
 * Every kind of audited event, caused once through the pages and the API as users cause it, leaves exactly one
 * record naming who acted and what it concerned. The table covers every {@link AuditAction}: a new action
 * without a row here fails this test. Reads are counted too: an image or heat map read twice in one page session
 * leaves one record, each API heat map one, each list of the delivery queue one, each refused request one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditCoverageIT {

    private static final String NEW_PASSWORD = "Quiet-Harbour-Lantern-42";
    private static final String PATH_SECRET = "not-for-the-trail-" + UUID.randomUUID();

    static TestEhr ehr;

    @ArquillianResource
    URL base;

    /** The expected records: exactly these actors' events of this action about this subject (order aside). */
    record Expected(AuditAction action, List<String> actors, String subject) {

        /** Exactly one event of this action by this actor about this subject. */
        Expected(AuditAction action, String actor, String subject) {
            this(action, List.of(actor), subject);
        }
    }

    /** How often this test listed the delivery queue through the API (each list is a read of patient data). */
    private static final AtomicInteger deliveryLists = new AtomicInteger();
    /** How often this test read clinician1's worklist (each read names patients). */
    private static final AtomicInteger worklistReads = new AtomicInteger();

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

    /** Client addresses the tests act from, through the trusted proxy header (see {@link FacesClient}). */
    private static final String GUESSER = "192.0.2.66";
    private static final String SPRAYER = "192.0.2.67";

    @Test
    void everyEventClassLeavesExactlyOneRecordWithItsActorAndSubject() throws Exception {
        URI api = URI.create(base.toString());
        Api.awaitModel(api);
        // the test classes share this run's database, and others act as auditor1 too: only records written from here
        // on count (this read of the trail is recorded after it, so it is among them: one export by auditor1)
        Set<String> earlier = AuditApi.recent(api).stream().map(e -> e.getIdElement().getIdPart())
                .collect(Collectors.toSet());
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String user = "audited-" + suffix;
        String victim = "locked-" + suffix;
        String studied = "MRN-A" + suffix;
        String delivered = "MRN-B" + suffix;
        String cancelled = "MRN-C" + suffix;

        // a study from the PACS: received, filed as a department examination, classified by the intake's worker, and
        // found on a clinician's worklist
        String fromPacs = "MRN-P" + suffix;
        CtSeries.Summary pacsStudy = CtSeries.ofPatient(97, 2, "audit-" + suffix,
                Files.createTempDirectory(Path.of("target"), "audit-pacs-"), "--patient-id", fromPacs);
        HttpResponse<String> stored = Stow.send(api, "pacs1", SeededAccounts.get("pacs1").password(),
                "/dicomweb/studies", CtSeries.files(pacsStudy));
        assertEquals(200, stored.statusCode(), stored.body());
        Api.await("the study from the PACS is classified", Duration.ofSeconds(60), () -> {
            worklistReads.incrementAndGet();
            return Api.send(api, "GET", "/api/v1/worklist", "clinician1", null).body()
                    .matches("(?s).*\"patientId\":\"" + fromPacs + "\"[^}]*\"verdict\":\"(suspected|not-suspected)\".*");
        });

        // a clinician's examination from start to amendment, through the REST API
        String examination = startExamination(api, studied);
        JsonObject slice = json(Api.addSlice(api, "clinician1", examination, "slice.png", HeadPhantom.png(256, true)), 201);
        String sliceId = slice.getString("id");
        json(Api.addSlice(api, "clinician1", examination, "notes.txt", "not an image".getBytes()), 415);
        json(Api.send(api, "GET", "/api/v1/predictions/" + sliceId, "clinician1", null), 200);
        json(Api.send(api, "GET", "/api/v1/examinations/" + examination, "clinician1", null), 200);
        json(Api.send(api, "POST", "/api/v1/examinations/" + examination + "/signature", "clinician1", "{\"agrees\":true}"), 201);
        json(Api.send(api, "POST", "/api/v1/examinations/" + examination + "/amendments", "clinician1",
                "{\"agrees\":false,\"comment\":\"second look\"}"), 201);

        // the EHR asks about the patient (a card), is refused once without a token, reports its user's override,
        // and the clinician follows the card's link into StrokeScan
        CdsTestEhr trustedEhr = CdsTestEhr.in(Path.of("target/cds-it"));
        String hook = api.resolve("cds-services/strokescan-patient-view").toString();
        JsonObject cards = json(cdsCall(hook, trustedEhr.token(hook), "{\"hook\":\"patient-view\",\"hookInstance\":\""
                + UUID.randomUUID() + "\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"p1\"},"
                + "\"prefetch\":{\"patient\":{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":"
                + "\"https://hospital.example.org/fhir/sid/mrn\",\"value\":\"" + studied + "\"}]}}}"), 200);
        JsonObject card = cards.getJsonArray("cards").getJsonObject(0);
        String unknownEhr = "https://unknown-" + suffix + ".example";
        assertEquals(401, cdsCall(hook, trustedEhr.token(hook, unknownEhr), "{}").statusCode());
        String feedback = hook + "/feedback";
        json(cdsCall(feedback, trustedEhr.token(feedback), "{\"feedback\":[{\"card\":\"" + card.getString("uuid")
                + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"already-aware\"}},"
                + "\"outcomeTimestamp\":\"2026-12-04T10:00:00Z\"}]}"), 200);
        String link = card.getJsonArray("links").getJsonObject(0).getString("url");

        // the clinician looks at the slice and its heat map on the page, each twice in one session (one record
        // each), fetches the heat map once through the API (one record), and is refused a page and an API call
        FacesClient clinician = new FacesClient(api);
        clinician.login("clinician1", SeededAccounts.get("clinician1").password());
        assertTrue(FacesClient.location(clinician.get(link.substring(link.indexOf("/launch.xhtml")))).contains(
                "examination.xhtml?id=" + examination), "the card's link opens the examination");
        for (int i = 0; i < 2; i++) {
            assertEquals(200, clinician.get("/clinician/slices/" + sliceId + "/image").statusCode(), "slice image");
            assertEquals(200, clinician.get("/clinician/slices/" + sliceId + "/heatmap").statusCode(), "heat map");
        }
        assertEquals(200, Api.send(api, "GET", "/api/v1/predictions/" + sliceId + "/heatmap", "clinician1", null)
                .statusCode(), "heat map through the API");
        assertEquals(403, clinician.get("/admin/users.xhtml").statusCode(), "a clinician on the users page");
        // a path parameter may carry a session id: it never reaches the trail
        assertEquals(403, clinician.get("/admin/users.xhtml;jsessionid=" + PATH_SECRET).statusCode(),
                "a clinician on the users page, with a path parameter");
        assertEquals(403, Api.send(api, "GET", "/api/v1/deliveries", "clinician1", null).statusCode(),
                "a clinician listing the delivery queue");

        // the administrator manages two new accounts through the users page
        FacesClient admin = new FacesClient(api);
        admin.login("admin", SeededAccounts.get("admin").password());
        String victimPassword = AdminPage.createAccount(admin, victim, "AUDITOR");
        AdminPage.createAccount(admin, user, "AUDITOR");
        Document editor = Jsoup.parse(AdminPage.pressRowButton(admin, user, "Edit roles").body());
        AdminPage.assertShows(admin.press(AdminPage.PATH, editor, "users", "users:saveRoles",
                List.of(Map.entry("editedRoles", "AUDITOR"), Map.entry("editedRoles", "CLINICIAN"))), "Roles of " + user);
        AdminPage.assertShows(AdminPage.pressRowButton(admin, user, "Disable"), "User " + user + " disabled.");
        HttpResponse<String> refused = new FacesClient(api).login(user, "not the password");
        assertTrue(FacesClient.location(refused).contains("failed=true"), "a wrong password while disabled: refused");
        AdminPage.assertShows(AdminPage.pressRowButton(admin, user, "Enable"), "User " + user + " enabled.");
        HttpResponse<String> reset = AdminPage.pressRowButton(admin, user, "Reset password");
        String password = Jsoup.parse(reset.body()).getElementById("issued-password").text();

        // wrong passwords for the victim from one address: after five, attempts from there wait (one record), one
        // is refused unchecked (counted, reported per period); the administrator lifts the wait
        HttpResponse<String> throttled = null;
        for (int i = 0; i < 12 && throttled == null; i++) {
            HttpResponse<String> response = new FacesClient(api, GUESSER).getWithBasic("/api/v1/me", victim,
                    "wrong password " + i);
            throttled = response.statusCode() == 429 ? response : null;
        }
        assertTrue(throttled != null && throttled.headers().firstValue("Retry-After").isPresent(),
                "429 with Retry-After once attempts from there must wait");
        AdminPage.assertShows(AdminPage.pressRowButton(admin, victim, "Lift sign-in waits"), victim);
        // failed sign-ins on many usernames at once raise an alert
        for (int i = 0; i < 10; i++) {
            new FacesClient(api, SPRAYER).getWithBasic("/api/v1/me", "sprayed-" + suffix + "-" + i, "Winter2026!");
        }
        AtomicInteger trailReads = new AtomicInteger();
        Api.await("the sign-in alert and the throttled sign-ins are recorded", Duration.ofSeconds(30), () -> {
            trailReads.incrementAndGet(); // each read of the trail is an export, recorded
            List<AuditEvent> trail = AuditApi.recent(api);
            return !AuditApi.about(trail, "sign-in", "SIGN_IN_ALERT").isEmpty()
                    && !AuditApi.about(trail, GUESSER, "SIGN_INS_THROTTLED").isEmpty();
        });

        // the victim signs in; the administrator disables the account, which ends that open session
        FacesClient victimSession = new FacesClient(api);
        assertEquals(302, victimSession.login(victim, victimPassword).statusCode());
        AdminPage.assertShows(AdminPage.pressRowButton(admin, victim, "Disable"), "User " + victim + " disabled.");
        assertTrue(FacesClient.location(victimSession.get("/account/password.xhtml")).contains("/login.xhtml?ended=true"));

        // the new user signs in once, sets their own password, checks and exports the trail, and signs out
        FacesClient audited = new FacesClient(api);
        HttpResponse<String> signedIn = audited.login(user, password);
        assertEquals(302, signedIn.statusCode());
        assertFalse(FacesClient.location(signedIn).contains("failed"), FacesClient.location(signedIn));
        HttpResponse<String> changed = audited.submit("/account/password.xhtml", "password", "submit",
                Map.of("current", password, "new", NEW_PASSWORD, "confirm", NEW_PASSWORD));
        assertEquals(302, changed.statusCode(), changed.body());
        Document events = Jsoup.parse(audited.get("/auditor/events.xhtml").body());
        AdminPage.assertShows(audited.press("/auditor/events.xhtml", events, "events", "events:verify", List.of()), "Audit trail intact");
        HttpResponse<String> csv = audited.press("/auditor/events.xhtml", events, "events", "events:exportCsv", List.of());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
        // ...lists every clinician's predictions once and opens the studied slice's image twice and heat map once
        assertEquals(200, audited.get("/auditor/index.xhtml").statusCode(), "the auditor's history");
        assertEquals(200, audited.get("/auditor/slices/" + sliceId + "/image").statusCode(), "audited slice image");
        assertEquals(200, audited.get("/auditor/slices/" + sliceId + "/image").statusCode(), "audited slice image");
        assertEquals(200, audited.get("/auditor/slices/" + sliceId + "/heatmap").statusCode(), "audited heat map");
        // ...and checks the model for drift now: with the tests' minimum of one observation the few phantom slices
        // of the window cross the thresholds, so the check alarms and every page shows the banner
        Document drift = Jsoup.parse(audited.get("/monitoring/drift.xhtml").body());
        HttpResponse<String> checked = audited.press("/monitoring/drift.xhtml", drift, "check", "check:checkNow", List.of());
        AdminPage.assertShows(checked, "Check stored. Thresholds crossed:");
        assertTrue(Jsoup.parse(checked.body()).getElementById("drift-banner") != null, "the drift banner after the alarm");
        Document page = Jsoup.parse(audited.get("/auditor/events.xhtml").body());
        assertTrue(page.getElementById("drift-banner") != null, "the drift banner on the auditor's other pages");
        assertEquals(302, audited.press("/auditor/events.xhtml", page, "session", "session:signOut", List.of()).statusCode());

        // an auditor keeps a copy of the signed audit checkpoints (this deployment signs none: the file is empty)
        assertEquals(200, Api.send(api, "GET", "/api/v1/audit/checkpoints", "auditor1", null).statusCode(),
                "the checkpoint download");

        // two reports the EHR refuses: the administrator retries one and cancels the other
        ehr.misbehave(delivered, TestEhr.Fault.REJECT);
        ehr.misbehave(cancelled, TestEhr.Fault.REJECT);
        String retried = refusedReport(api, delivered);
        String dropped = refusedReport(api, cancelled);
        assertEquals(204, Api.send(api, "POST", "/api/v1/deliveries/" + retried + "/retry", "admin", null).statusCode());
        assertEquals(204, Api.send(api, "POST", "/api/v1/deliveries/" + dropped + "/cancel", "admin", null).statusCode());
        Api.await("the retried report is delivered", Duration.ofSeconds(60), () -> state(api, retried).equals("SENT"));
        assertEquals(200, admin.get("/admin/deliveries.xhtml").statusCode(), "the delivery queue page");

        // model operations refused for a model and a change request that do not exist (ModelOperationsIT runs the real
        // ones; these subjects are this run's own)
        String absentModel = "absent-" + suffix + "/1.0.0";
        String absentRequest = "absent-" + suffix;
        assertEquals(404, Api.send(api, "POST", "/api/v1/models/shadow", "admin",
                "{\"model\":\"" + absentModel + "\",\"reason\":\"audit coverage\"}").statusCode());
        assertEquals(409, Api.send(api, "POST", "/api/v1/models/changes", "admin",
                "{\"kind\":\"rollback\",\"model\":\"" + absentModel + "\",\"reason\":\"audit coverage\"}").statusCode());
        assertEquals(404, Api.send(api, "POST", "/api/v1/models/changes/" + absentRequest + "/approval", "admin",
                "{}").statusCode());
        assertEquals(404, Api.send(api, "POST", "/api/v1/models/changes/" + absentRequest + "/rejection", "admin",
                "{}").statusCode());

        List<Expected> table = List.of(
                new Expected(AuditAction.ACCOUNTS_SEEDED, "system:account-seeding", "first start"),
                new Expected(AuditAction.ACCOUNT_CREATED, "admin", user),
                new Expected(AuditAction.ROLES_ASSIGNED, "admin", user),
                new Expected(AuditAction.ACCOUNT_DISABLED, "admin", user),
                new Expected(AuditAction.LOGIN_FAILED, "ANONYMOUS", user),
                new Expected(AuditAction.ACCOUNT_ENABLED, "admin", user),
                new Expected(AuditAction.PASSWORD_RESET, "admin", user),
                // no longer written: failed sign-ins slow down where they come from instead of locking
                new Expected(AuditAction.ACCOUNT_LOCKED, List.of(), victim),
                new Expected(AuditAction.SIGN_IN_SLOWED, "ANONYMOUS", victim),
                new Expected(AuditAction.SIGN_INS_THROTTLED, "system:sign-in", GUESSER),
                new Expected(AuditAction.SIGN_IN_ALERT, "system:sign-in", "sign-in"),
                new Expected(AuditAction.ACCOUNT_UNLOCKED, "admin", victim),
                new Expected(AuditAction.LOGIN_SUCCEEDED, user, user),
                new Expected(AuditAction.PASSWORD_CHANGED, user, user),
                new Expected(AuditAction.AUDIT_VERIFIED, user, "audit trail"),
                // the new user's export, and this test's reads of the trail: the first, and those while it waited
                // for the sign-in records
                new Expected(AuditAction.AUDIT_EXPORTED, Stream.concat(Stream.of(user),
                        Collections.nCopies(1 + trailReads.get(), "auditor1").stream()).toList(),
                        "audit trail"),
                new Expected(AuditAction.LOGOUT, user, user),
                new Expected(AuditAction.SESSION_ENDED, victim, victim),
                new Expected(AuditAction.EXAMINATION_CREATED, "clinician1", "patient " + studied),
                new Expected(AuditAction.PREDICTION_MADE, "clinician1", "patient " + studied),
                new Expected(AuditAction.IMAGE_REJECTED, "clinician1", "patient " + studied),
                new Expected(AuditAction.PREDICTION_VIEWED, "clinician1", "patient " + studied),
                new Expected(AuditAction.EXAMINATION_VIEWED, "clinician1", "patient " + studied),
                new Expected(AuditAction.EXAMINATION_SIGNED, "clinician1", "patient " + studied),
                new Expected(AuditAction.EXAMINATION_AMENDED, "clinician1", "patient " + studied),
                new Expected(AuditAction.REPORT_QUEUED, "clinician1", "patient " + delivered),
                new Expected(AuditAction.REPORT_FAILED, "system:ehr-relay", "patient " + delivered),
                new Expected(AuditAction.DELIVERY_RETRIED, "admin", "patient " + delivered),
                new Expected(AuditAction.REPORT_SENT, "system:ehr-relay", "patient " + delivered),
                new Expected(AuditAction.DELIVERY_CANCELLED, "admin", "patient " + cancelled),
                new Expected(AuditAction.IMAGE_VIEWED, List.of("clinician1", user), "patient " + studied),
                new Expected(AuditAction.HEATMAP_VIEWED, List.of("clinician1", "clinician1", user), "patient " + studied),
                new Expected(AuditAction.PREDICTIONS_LISTED, user, "prediction history"),
                // the page once, and every list this test asked for through the API
                new Expected(AuditAction.DELIVERIES_LISTED, Collections.nCopies(deliveryLists.get() + 1, "admin"),
                        "delivery queue"),
                new Expected(AuditAction.ACCESS_DENIED, List.of("clinician1", "clinician1"), "/admin/users.xhtml"),
                new Expected(AuditAction.ACCESS_DENIED, "clinician1", "/api/v1/deliveries"),
                new Expected(AuditAction.CHECKPOINTS_EXPORTED, "auditor1", "audit checkpoints"),
                new Expected(AuditAction.CDS_HOOK_CALLED, "cds-hooks", "patient " + studied),
                new Expected(AuditAction.CDS_HOOK_REFUSED, "cds-hooks", "EHR " + unknownEhr),
                new Expected(AuditAction.CDS_FEEDBACK_RECEIVED, "cds-hooks", "patient " + studied),
                new Expected(AuditAction.CDS_CARD_OPENED, "clinician1", "patient " + studied),
                new Expected(AuditAction.MODEL_SHADOW_SET, "admin", "model " + absentModel),
                new Expected(AuditAction.MODEL_CHANGE_REQUESTED, "admin", "model " + absentModel),
                new Expected(AuditAction.MODEL_ACTIVATED, "admin", "model change request " + absentRequest),
                new Expected(AuditAction.MODEL_CHANGE_REJECTED, "admin", "model change request " + absentRequest),
                new Expected(AuditAction.DRIFT_CHECKED, user, "drift watch"),
                new Expected(AuditAction.DRIFT_ALARM, user, "drift watch"),
                new Expected(AuditAction.DICOM_RECEIVED, "pacs1", "patient " + fromPacs),
                new Expected(AuditAction.EXAMINATION_CREATED, "pacs1", "patient " + fromPacs),
                new Expected(AuditAction.PREDICTION_MADE, List.of("system:pacs-intake", "system:pacs-intake"),
                        "patient " + fromPacs),
                new Expected(AuditAction.STUDY_CLASSIFIED, "system:pacs-intake", "patient " + fromPacs),
                new Expected(AuditAction.WORKLIST_VIEWED, Collections.nCopies(worklistReads.get(), "clinician1"),
                        "worklist"));

        Set<AuditAction> covered = table.stream().map(Expected::action).collect(Collectors.toCollection(
                () -> EnumSet.noneOf(AuditAction.class)));
        assertEquals(EnumSet.allOf(AuditAction.class), covered, "every action has a row");
        List<AuditEvent> whole = AuditApi.recent(api);
        List<AuditEvent> trail = whole.stream().filter(e -> !earlier.contains(e.getIdElement().getIdPart())).toList();
        assertTrue(whole.stream().noneMatch(e -> FhirContext.forR4Cached().newJsonParser().encodeResourceToString(e)
                .contains(PATH_SECRET)), "no record holds what a path parameter carried");
        List<String> counts = new ArrayList<>();
        assertAll(table.stream().map(row -> () -> {
            // the seeding happened when the run's first server started: the one record before this test that counts
            List<AuditEvent> about = AuditApi.about(row.action() == AuditAction.ACCOUNTS_SEEDED ? whole : trail,
                    row.subject(), row.action().name());
            List<String> actors = about.stream().map(AuditApi::actor).sorted().toList();
            counts.add(row.action() + " " + actors);
            assertEquals(row.actors().stream().sorted().toList(), actors, row.action() + " about " + row.subject());
        }));
        System.out.println("audit records per event class: " + counts);
    }

    /** A CDS Hooks call as an EHR makes it: its JWT, a JSON body, no session. */
    private static HttpResponse<String> cdsCall(String url, String jwt, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + jwt).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String startExamination(URI api, String patient) throws Exception {
        return json(Api.send(api, "POST", "/api/v1/examinations", "clinician1", "{\"patientId\":\"" + patient + "\"}"), 201)
                .getString("id");
    }

    /** Starts an examination with one slice and waits until the EHR has refused its preliminary report. */
    private static String refusedReport(URI api, String patient) throws Exception {
        String examination = startExamination(api, patient);
        json(Api.addSlice(api, "clinician1", examination, "slice.png", HeadPhantom.png(256, false)), 201);
        String[] id = new String[1];
        Api.await("the report of " + patient + " is refused", Duration.ofSeconds(30), () -> {
            deliveryLists.incrementAndGet();
            id[0] = Json.createReader(new StringReader(Api.send(api, "GET", "/api/v1/deliveries?max=1000&state=FAILED",
                    "admin", null).body())).readArray().getValuesAs(JsonObject.class).stream()
                    .filter(m -> m.getString("examinationId").equals(examination)).map(m -> m.getString("id"))
                    .findFirst().orElse(null);
            return id[0] != null;
        });
        return id[0];
    }

    private static String state(URI api, String message) throws Exception {
        deliveryLists.incrementAndGet();
        return Json.createReader(new StringReader(Api.send(api, "GET", "/api/v1/deliveries?max=1000", "admin", null)
                .body())).readArray().getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("id").equals(message)).map(m -> m.getString("state")).findFirst().orElse("");
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return response.body().isBlank() || !response.body().startsWith("{") ? Json.createObjectBuilder().build()
                : Json.createReader(new StringReader(response.body())).readObject();
    }
}
