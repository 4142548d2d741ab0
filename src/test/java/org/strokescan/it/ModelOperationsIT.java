package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.strokescan.training.HeadPhantom;

/**
 * Model operations in the real server with real models: a bundled earlier model runs as shadow beside the active
 * one on live uploads (stored, compared, never shown to the clinician), is promoted with a second administrator's
 * approval and rolled back the same way; who may do what, and the audit records of it. The test leaves the
 * configured model active, as the other test classes (which share the database) expect.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ModelOperationsIT {

    /** A bundled model other than the active one: the shadow and promotion candidate. */
    private static final String CANDIDATE = "strokescan-ich/1.3.0";

    @ArquillianResource
    URL base;

    private URI api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"));
    }

    @BeforeEach
    void modelIsReady() throws Exception {
        api = URI.create(base.toString());
        Api.awaitModel(api);
    }

    /** Whatever happened, the configured model is active and no shadow runs when this class ends. */
    @AfterEach
    void configuredModelActive() throws Exception {
        if (!active().equals(ActiveModel.ID)) {
            JsonObject request = json(Api.send(api, "POST", "/api/v1/models/changes", "admin",
                    "{\"kind\":\"rollback\",\"model\":\"" + ActiveModel.ID + "\",\"reason\":\"test cleanup\"}"), 201);
            json(Api.send(api, "POST", "/api/v1/models/changes/" + request.getString("id") + "/approval", "admin2",
                    "{}"), 200);
        }
        if (state(CANDIDATE).equals("shadow")) {
            Api.send(api, "POST", "/api/v1/models/shadow", "admin", "{\"model\":null,\"reason\":\"test cleanup\"}");
        }
        awaitServing(ActiveModel.ID);
    }

    @Test
    void administratorsAndAuditorsReadTheRegistryClinicalStaffDoNot() throws Exception {
        for (String reader : List.of("admin", "auditor1")) {
            JsonArray models = Json.createReader(new StringReader(ok(Api.send(api, "GET", "/api/v1/models", reader,
                    null)))).readArray();
            assertEquals(1, models.getValuesAs(JsonObject.class).stream()
                    .filter(m -> m.getString("state").equals("active")).count(), "exactly one active: " + models);
            assertEquals(ActiveModel.ID, active());
            assertTrue(models.toString().contains(CANDIDATE), models.toString());
        }
        assertEquals(403, Api.send(api, "GET", "/api/v1/models", "clinician1", null).statusCode());
        assertEquals(403, Api.send(api, "POST", "/api/v1/models/shadow", "auditor1",
                "{\"model\":\"" + CANDIDATE + "\",\"reason\":\"try\"}").statusCode(), "auditors only read");
        assertEquals(403, Api.send(api, "POST", "/api/v1/models/changes", "clinician1",
                "{\"kind\":\"promotion\",\"reason\":\"try\"}").statusCode());
        assertEquals(403, Api.send(api, "GET", "/api/v1/models/shadow/comparison", "clinician1", null).statusCode());
        // bad requests get specific answers, and nothing changes
        assertProblem(Api.send(api, "POST", "/api/v1/models/shadow", "admin",
                "{\"model\":\"" + CANDIDATE + "\"}"), 409, "reason");
        assertProblem(Api.send(api, "POST", "/api/v1/models/shadow", "admin",
                "{\"model\":\"none-here/1.0.0\",\"reason\":\"try\"}"), 404, "no model none-here/1.0.0");
        assertProblem(Api.send(api, "POST", "/api/v1/models/shadow", "admin",
                "{\"model\":\"" + ActiveModel.ID + "\",\"reason\":\"try\"}"), 409, "own shadow");
        assertProblem(Api.send(api, "POST", "/api/v1/models/changes", "admin",
                "{\"kind\":\"promotion\",\"reason\":\"no shadow yet\"}"), 409, "Set a shadow model first");
        assertProblem(Api.send(api, "POST", "/api/v1/models/changes", "admin",
                "{\"kind\":\"rollback\",\"model\":\"" + CANDIDATE + "\",\"reason\":\"never active\"}"), 409,
                "was active before");
        assertProblem(Api.send(api, "GET", "/api/v1/models/shadow/comparison?from=yesterday", "admin", null), 400,
                "ISO-8601");
        assertEquals("available", state(CANDIDATE));
    }

    @Test
    void aShadowRunsUnseenThenIsPromotedByTwoAdministratorsAndRolledBack() throws Exception {
        String since = java.time.Instant.now().minusSeconds(1).toString();
        // one administrator sets the shadow: it is verified first
        JsonObject shadow = json(Api.send(api, "POST", "/api/v1/models/shadow", "admin",
                "{\"model\":\"" + CANDIDATE + "\",\"reason\":\"compare 1.3.0 on live cases\"}"), 200);
        assertEquals("shadow", shadow.getString("state"));
        Api.await("the shadow is loaded", Duration.ofSeconds(120),
                () -> health().contains(CANDIDATE + " READY"));

        // a clinician's study: the answers name the active model only
        String patient = "MRN-MO" + UUID.randomUUID().toString().substring(0, 6);
        String examination = json(Api.send(api, "POST", "/api/v1/examinations", "clinician1",
                "{\"patientId\":\"" + patient + "\"}"), 201).getString("id");
        String firstSlice = null;
        for (boolean bleed : new boolean[] {true, false, true}) {
            HttpResponse<String> added = Api.addSlice(api, "clinician1", examination, "slice.png",
                    HeadPhantom.png(256, bleed));
            JsonObject slice = json(added, 201);
            firstSlice = firstSlice == null ? slice.getString("id") : firstSlice;
            assertEquals(ActiveModel.VERSION, slice.getString("modelVersion"));
            assertFalse(added.body().contains("1.3.0"), "nothing of the shadow reaches the clinician: " + added.body());
        }
        json(Api.send(api, "POST", "/api/v1/examinations/" + examination + "/signature", "clinician1",
                "{\"agrees\":true}"), 201);
        String read = ok(Api.send(api, "GET", "/api/v1/examinations/" + examination, "clinician1", null));
        assertFalse(read.contains("1.3.0"), read);

        // the shadow's results are stored beside the active model's and compared
        JsonObject[] comparison = new JsonObject[1];
        Api.await("the shadow classified the three slices", Duration.ofSeconds(60), () -> {
            comparison[0] = json(Api.send(api, "GET", "/api/v1/models/shadow/comparison?from=" + since, "auditor1",
                    null), 200);
            return comparison[0].getInt("images") + comparison[0].getInt("shadowRefused") >= 3;
        });
        System.out.println("shadow comparison: " + comparison[0]);
        assertEquals(List.of(CANDIDATE), comparison[0].getJsonArray("shadowModels").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(3, comparison[0].getInt("images") + comparison[0].getInt("shadowRefused"));

        // four eyes: the administrator who asks cannot approve, an auditor cannot, a second administrator can
        JsonObject request = json(Api.send(api, "POST", "/api/v1/models/changes", "admin",
                "{\"kind\":\"promotion\",\"reason\":\"shadow agreed on the test study\"}"), 201);
        assertEquals("pending", request.getString("state"));
        String approval = "/api/v1/models/changes/" + request.getString("id") + "/approval";
        assertProblem(Api.send(api, "POST", "/api/v1/models/changes", "admin2",
                "{\"kind\":\"promotion\",\"reason\":\"twice\"}"), 409, "waits for a decision");
        assertProblem(Api.send(api, "POST", approval, "admin", "{}"), 409, "second administrator");
        assertEquals(403, Api.send(api, "POST", approval, "auditor1", "{}").statusCode());
        assertEquals(ActiveModel.ID, active(), "nothing changed yet");
        // a clinician goes on uploading while the new model is loaded and swapped in: no upload fails
        java.util.concurrent.atomic.AtomicBoolean swapped = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<List<String>> during = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> uploadUntil(swapped));
        JsonObject activation = json(Api.send(api, "POST", approval, "admin2", "{\"note\":\"looked at it\"}"), 200);
        assertEquals("admin", activation.getString("changedBy"));
        assertEquals("admin2", activation.getString("approvedBy"));
        assertEquals(CANDIDATE, active());
        assertEquals("active", state(CANDIDATE));
        awaitServing(CANDIDATE);
        Thread.sleep(1000);
        swapped.set(true);
        List<String> versions = during.get();
        System.out.println("uploads during the swap, by model version: " + versions);
        assertTrue(versions.stream().allMatch(v -> v.equals(ActiveModel.VERSION) || v.equals("1.3.0")),
                "every upload during the swap was classified by one of the two models: " + versions);
        assertTrue(versions.contains("1.3.0"), "and the last by the new one: " + versions);

        // predictions name the model they were made with, before and after
        String patient2 = patient + "B";
        String after = json(Api.addSlice(api, "clinician1", json(Api.send(api, "POST", "/api/v1/examinations",
                "clinician1", "{\"patientId\":\"" + patient2 + "\"}"), 201).getString("id"), "slice.png",
                HeadPhantom.png(256, true)), 201).getString("modelVersion");
        assertEquals("1.3.0", after);
        assertEquals(ActiveModel.VERSION, json(Api.send(api, "GET", "/api/v1/predictions/" + firstSlice, "clinician1",
                null), 200).getString("modelVersion"));

        // rollback: asked by the second administrator, approved by the first
        JsonObject rollback = json(Api.send(api, "POST", "/api/v1/models/changes", "admin2",
                "{\"kind\":\"rollback\",\"model\":\"" + ActiveModel.ID + "\",\"reason\":\"back to the validated model\"}"),
                201);
        json(Api.send(api, "POST", "/api/v1/models/changes/" + rollback.getString("id") + "/approval", "admin",
                "{}"), 200);
        assertEquals(ActiveModel.ID, active());
        awaitServing(ActiveModel.ID);
        JsonArray history = Json.createReader(new StringReader(ok(Api.send(api, "GET",
                "/api/v1/models/activations?max=5", "auditor1", null)))).readArray();
        JsonObject newest = history.getJsonObject(0);
        assertEquals(ActiveModel.ID, newest.getString("model"), history.toString());
        assertEquals("admin2", newest.getString("changedBy"));
        assertEquals("admin", newest.getString("approvedBy"));

        // the pages: auditors read the registry, the comparison and the history; everyone sees the activations
        FacesClient auditor = new FacesClient(api);
        auditor.login("auditor1", SeededAccounts.get("auditor1").password());
        String registry = auditor.get("/auditor/models.xhtml").body();
        assertTrue(registry.contains(CANDIDATE) && registry.contains("back to the validated model"), registry);
        assertFalse(registry.contains("Run as shadow"), "auditors get no buttons");
        String compared = auditor.submit("/auditor/models.xhtml", "models", "compare", java.util.Map.of()).body();
        assertTrue(compared.contains("comparisonTable") && compared.contains(CANDIDATE), compared);
        FacesClient administrator = new FacesClient(api);
        administrator.login("admin", SeededAccounts.get("admin").password());
        assertTrue(administrator.get("/admin/models.xhtml").body().contains("Run as shadow"));
        FacesClient clinician = new FacesClient(api);
        clinician.login("clinician1", SeededAccounts.get("clinician1").password());
        String card = clinician.get("/model.xhtml").body();
        assertTrue(card.contains("Activation history") && card.contains("shadow agreed on the test study"), card);
        assertFalse(card.contains("comparisonTable"), "no shadow results for clinicians");

        // the audit trail has each step with its actor
        List<AuditEvent> trail = AuditApi.recent(api);
        assertEquals(List.of("admin"), actors(trail, "model " + CANDIDATE, "MODEL_SHADOW_SET", true));
        assertEquals(List.of("admin"), actors(trail, "model " + CANDIDATE, "MODEL_CHANGE_REQUESTED", true));
        assertTrue(actors(trail, "model " + CANDIDATE, "MODEL_ACTIVATED", false).contains("admin"),
                "the refused self-approval is recorded");
        assertTrue(actors(trail, "model " + CANDIDATE, "MODEL_ACTIVATED", true).contains("admin2"));
        assertTrue(actors(trail, "model " + ActiveModel.ID, "MODEL_ACTIVATED", true).contains("admin"));
    }

    /** Single-slice uploads back to back until {@code stop} (at most 300): the model version of each answer. */
    private List<String> uploadUntil(java.util.concurrent.atomic.AtomicBoolean stop) {
        List<String> versions = new java.util.ArrayList<>();
        try {
            String clinician = Api.basic("clinician1", SeededAccounts.get("clinician1").password());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            while (!stop.get() && versions.size() < 300) {
                HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(
                                api.resolve("/api/v1/predictions")).header("Authorization", clinician)
                        .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(Api.multipart(java.util.Map.of(),
                                "image", "s.png", "image/png", HeadPhantom.png(256, versions.size() % 2 == 0))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                versions.add(answer.statusCode() == 201 ? json(answer, 201).getString("modelVersion")
                        : answer.statusCode() + " " + answer.body());
            }
        } catch (Exception e) {
            versions.add(e.toString());
        }
        return versions;
    }

    private static List<String> actors(List<AuditEvent> trail, String subject, String action, boolean success) {
        return AuditApi.about(trail, subject, action).stream()
                .filter(e -> (e.getOutcome() == AuditEvent.AuditEventOutcome._0) == success)
                .map(AuditApi::actor).toList();
    }

    /** Until this node serves {@code model}: the active one is loaded beside the old one and swapped in. */
    private void awaitServing(String model) throws Exception {
        Api.await("the server classifies with " + model, Duration.ofSeconds(120),
                () -> health().contains("\"model\":\"" + model + "\"") && health().contains("\"state\":\"READY\""));
    }

    private String health() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                api.resolve("/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String active() throws Exception {
        return Json.createReader(new StringReader(ok(Api.send(api, "GET", "/api/v1/models", "admin", null))))
                .readArray().getValuesAs(JsonObject.class).stream().filter(m -> m.getString("state").equals("active"))
                .map(m -> m.getString("id")).findFirst().orElseThrow();
    }

    private String state(String model) throws Exception {
        return Json.createReader(new StringReader(ok(Api.send(api, "GET", "/api/v1/models", "admin", null))))
                .readArray().getValuesAs(JsonObject.class).stream().filter(m -> m.getString("id").equals(model))
                .map(m -> m.getString("state")).findFirst().orElseThrow();
    }

    private static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        assertTrue(response.body().contains(detail), "the answer says \"" + detail + "\": " + response.body());
    }
}
