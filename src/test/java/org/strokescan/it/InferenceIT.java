package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.hl7.fhir.r4.model.AuditEvent;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.training.HeadPhantom;

/**
 * The shipped model classifying through the real TensorFlow engine inside Payara Micro: readiness, the REST
 * API with its errors, who may see what, and the audit records of it all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InferenceIT {

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"));
    }

    @BeforeEach
    void modelIsReady() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
    }

    @Test
    void brokenJsonBodiesAreAnswered400Or413WithAProblemNeverA500() throws Exception {
        URI api = URI.create(base.toString());
        String examination = Json.createReader(new StringReader(Api.send(api, "POST", "/api/v1/examinations",
                "clinician1", "{\"patientId\":\"MRN-JSON-1\"}").body())).readObject().getString("id");
        List<String> endpoints = List.of("/api/v1/examinations", "/api/v1/examinations/" + examination + "/signature",
                "/api/v1/examinations/" + examination + "/amendments");
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("broken", "{\"patientId\":");
        bodies.put("empty", "");
        bodies.put("an array", "[]");
        bodies.put("a string", "\"text\"");
        bodies.put("an object for text", "{\"patientId\":{\"a\":1},\"agrees\":true,\"comment\":{\"x\":1}}");
        bodies.put("a list for text", "{\"patientId\":\"MRN-0001\",\"note\":[1,2],\"agrees\":true,\"comment\":[1]}");
        bodies.put("70 KiB", "{\"patientId\":\"" + "A".repeat(70 * 1024) + "\"}");
        StringBuilder table = new StringBuilder();
        List<org.junit.jupiter.api.function.Executable> checks = new java.util.ArrayList<>();
        for (String endpoint : endpoints) {
            for (Map.Entry<String, String> body : bodies.entrySet()) {
                HttpResponse<String> answer = Api.send(api, "POST", endpoint, "clinician1", body.getValue());
                String type = answer.headers().firstValue("Content-Type").orElse("");
                table.append(String.format("%-60s %-20s %d%n", endpoint, body.getKey(), answer.statusCode()));
                int expected = body.getKey().equals("70 KiB") ? 413 : 400;
                checks.add(() -> assertEquals(expected, answer.statusCode(), endpoint + " " + body.getKey() + ": "
                        + answer.body()));
                checks.add(() -> assertTrue(type.startsWith("application/problem+json"), endpoint + " " + body.getKey()
                        + ": " + type));
                checks.add(() -> assertTrue(answer.body().contains("\"detail\""), "a specific detail: " + answer.body()));
            }
        }
        System.out.println("broken JSON bodies (endpoint, body, status):\n" + table);
        org.junit.jupiter.api.Assertions.assertAll(checks);
    }

    @Test
    void readinessNamesTheModelAndTheDevice() throws Exception {
        String body = http.send(HttpRequest.newBuilder(uri("/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(body.contains(ActiveModel.ID), body);
        assertTrue(body.contains("\"device\":\"cpu"), body);
    }

    @Test
    void everyRoleCanReadTheModelCardWithItsLimitsAndChecksum() throws Exception {
        FacesClient auditor = new FacesClient(URI.create(base.toString()));
        auditor.login("auditor1", SeededAccounts.get("auditor1").password());
        String page = auditor.get("/model.xhtml").body();
        String checksum = Json.createReader(new StringReader(http.send(HttpRequest.newBuilder(uri("/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body())).readObject().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject).filter(c -> c.getString("name").equals("model")).findFirst().orElseThrow()
                .getJsonObject("data").getString("checksum");
        assertTrue(page.contains("Model " + ActiveModel.ID + " is ready."), page);
        assertTrue(page.contains("it does not detect ischaemic stroke"), "the card states what the model cannot do");
        assertTrue(page.contains("CT-ICH"), "and what it was trained on");
        assertTrue(page.contains(checksum), "and exactly which model runs");
        assertTrue(page.contains("Slice sensitivity"), page); // the metric in words, not its key
    }

    @Test
    void aClinicianClassifiesAGeneratedSliceAndReadsResultAndHeatMapBack() throws Exception {
        String patient = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = upload("clinician1", HeadPhantom.png(256, true), "slice.png", patient);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject json = Json.createReader(new StringReader(created.body())).readObject();
        double probability = json.getJsonNumber("probability").doubleValue();
        assertTrue(probability >= 0 && probability <= 1, created.body());
        assertEquals(probability >= json.getJsonNumber("threshold").doubleValue() ? "positive" : "negative",
                json.getString("label"));
        assertEquals(ActiveModel.VERSION, json.getString("modelVersion"));
        assertEquals(64, json.getString("modelChecksum").length());
        assertEquals(patient, json.getString("patientId"));
        String location = created.headers().firstValue("Location").orElseThrow();
        assertTrue(location.endsWith("/api/v1/predictions/" + json.getString("id")), location);

        HttpResponse<String> read = get(URI.create(location), "clinician1", HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode());
        assertEquals(probability, Json.createReader(new StringReader(read.body())).readObject()
                .getJsonNumber("probability").doubleValue(), 1e-9);

        HttpResponse<byte[]> heatmap = get(URI.create(location + "/heatmap"), "clinician1", HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, heatmap.statusCode());
        assertEquals("image/png", heatmap.headers().firstValue("Content-Type").orElseThrow());
        BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(heatmap.body()));
        assertEquals(256, overlay.getWidth(), "the heat map is drawn over the image at its own size");

        // the same upload again gives the same probability: the model is deterministic
        HttpResponse<String> again = upload("clinician1", HeadPhantom.png(256, true), "slice.png", patient);
        assertEquals(probability, Json.createReader(new StringReader(again.body())).readObject()
                .getJsonNumber("probability").doubleValue(), 1e-6);

        // another clinician's prediction is invisible, exactly like a missing one
        assertEquals(404, get(URI.create(location), "clinician2", HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, get(URI.create(location + "/heatmap"), "clinician2", HttpResponse.BodyHandlers.ofString()).statusCode());

        List<AuditEvent> events = AuditApi.recent(URI.create(base.toString()));
        assertEquals(2, AuditApi.about(events, "patient " + patient, "PREDICTION_MADE").size());
        assertEquals(1, AuditApi.about(events, "patient " + patient, "PREDICTION_VIEWED").size());
    }

    @Test
    void anAuditorFindsEveryClinicansPredictionsAndTheExportIsAudited() throws Exception {
        String patient = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, upload("clinician1", HeadPhantom.png(160, true), "a.png", patient).statusCode());
        assertEquals(201, upload("clinician2", HeadPhantom.png(170, false), "b.png", patient).statusCode());
        FacesClient auditor = new FacesClient(URI.create(base.toString()));
        auditor.login("auditor1", SeededAccounts.get("auditor1").password());

        String rows = Jsoup.parse(auditor.submit("/auditor/index.xhtml", "history", "apply", Map.of("patient", patient))
                .body()).select("#history\\:table tbody tr").text();
        assertTrue(rows.contains("clinician1") && rows.contains("clinician2") && rows.contains(ActiveModel.ID), rows);
        String onlyOne = Jsoup.parse(auditor.submit("/auditor/index.xhtml", "history", "apply",
                Map.of("patient", patient, "clinician", "clinician2")).body()).select("#history\\:table tbody tr").text();
        assertTrue(onlyOne.contains("clinician2") && !onlyOne.contains("clinician1"), onlyOne);

        HttpResponse<String> csv = auditor.submit("/auditor/index.xhtml", "history", "exportCsv", Map.of("patient", patient));
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").contains("csv"), csv.headers().toString());
        assertEquals(3, csv.body().strip().lines().count(), "a header and the two predictions: " + csv.body());
        HttpResponse<byte[]> pdf = auditor.download("/auditor/index.xhtml", "history", "exportPdf", Map.of("patient", patient));
        assertTrue(new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII).equals("%PDF"), "a PDF document: " + pdf.headers());
        if (RenderedPdf.popplerInstalled()) { // laid out to be read (issue 24, item 8; SecurityIT checks the audit trail's)
            RenderedPdf rendered = RenderedPdf.of(pdf.body());
            assertTrue(rendered.landscape(), rendered.width() + " x " + rendered.height());
            Map<String, Long> words = rendered.words();
            assertEquals(2, words.getOrDefault(patient, 0L), "the patient's identifier whole in both rows: " + rendered.text());
            assertTrue(words.getOrDefault("clinician2", 0L) >= 1, "the clinician's name whole: " + rendered.text());
            assertTrue(rendered.text().contains("predictions: 2") && rendered.text().contains("patient=" + patient),
                    "the title names the count and the filter: " + rendered.text());
        }
        List<AuditEvent> exports = AuditApi.about(AuditApi.recent(URI.create(base.toString())), "prediction history",
                "AUDIT_EXPORTED");
        assertTrue(exports.stream().anyMatch(e -> e.getEntityFirstRep().getDescription().contains("patient=" + patient)),
                "the export is in the audit trail");

        // clinicians have no access to other clinicians' history
        FacesClient clinician = new FacesClient(URI.create(base.toString()));
        clinician.login("clinician1", SeededAccounts.get("clinician1").password());
        assertEquals(403, clinician.get("/auditor/index.xhtml").statusCode());
    }

    @Test
    void theSameNewImageUploadedFourTimesAtOnceGivesFourPredictions() throws Exception {
        byte[] png = HeadPhantom.png(300 + new java.util.Random().nextInt(200), false);
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            uploads.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return upload("clinician2", png, "same.png", null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (var upload : uploads) {
            HttpResponse<String> response = upload.get();
            assertEquals(201, response.statusCode(), response.body());
        }
    }

    @Test
    void badUploadsGetASpecificProblemAndNothingIsStored() throws Exception {
        byte[] png = HeadPhantom.png(128, false);
        assertProblem(upload("clinician1", "just text".getBytes(StandardCharsets.UTF_8), "notes.png", null), 415, "not a PNG or JPEG");
        assertProblem(upload("clinician1", Arrays.copyOf(png, png.length / 2), "cut.png", null), 422, "");
        assertProblem(upload("clinician1", new byte[0], "empty.png", null), 422, "empty");
        String patient = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        assertProblem(upload("clinician1", colourPhoto(), "photo.png", patient), 422, "colour");
        assertProblem(upload("clinician1", png, "slice.png", "bad mrn!"), 400, "MRN");
        assertProblem(upload("clinician1", new byte[26 * 1024 * 1024], "huge.png", null), 413, "larger than");
        HttpResponse<String> noImage = send("clinician1", multipart(null, null, null));
        assertProblem(noImage, 400, "'image'");

        // each refusal is in the audit trail with its reason
        List<AuditEvent> rejected = AuditApi.about(AuditApi.recent(URI.create(base.toString())), "patient " + patient,
                "IMAGE_REJECTED");
        assertEquals(1, rejected.size());
        assertTrue(rejected.getFirst().getOutcomeDesc().startsWith("gate: COLOUR"), rejected.getFirst().getOutcomeDesc());
    }

    @Test
    void onlyCliniciansMayClassify() throws Exception {
        byte[] png = HeadPhantom.png(128, false);
        assertEquals(403, upload("auditor1", png, "slice.png", null).statusCode());
        assertEquals(403, upload("admin", png, "slice.png", null).statusCode());
        HttpRequest anonymous = HttpRequest.newBuilder(uri("/api/v1/predictions"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(png, "slice.png", null))).build();
        assertEquals(401, http.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aClinicianRunsAnExaminationFromUploadToAmendmentThroughTheApi() throws Exception {
        String patient = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        assertProblem(postJson("/api/v1/examinations", "clinician1", "{\"patientId\":\"no spaces!\"}"), 400, "MRN");
        HttpResponse<String> started = postJson("/api/v1/examinations", "clinician1",
                "{\"patientId\":\"" + patient + "\",\"accessionNumber\":\"ACC-1\",\"note\":\"fall, GCS 14\"}");
        assertEquals(201, started.statusCode(), started.body());
        JsonObject examination = Json.createReader(new StringReader(started.body())).readObject();
        String id = examination.getString("id");
        assertEquals("PENDING", examination.getString("verdict"));
        assertProblem(postJson("/api/v1/examinations/" + id + "/signature", "clinician1", "{\"agrees\":true}"), 409,
                "no classified slice");

        // two slices and a photo: the photo is kept as a refusal with its reason, the slices are classified
        assertEquals(201, send("clinician1", multipart(HeadPhantom.png(256, true), "bleed.png", "examinationId", id)).statusCode());
        assertEquals(201, send("clinician1", multipart(HeadPhantom.png(256, false), "clear.png", "examinationId", id)).statusCode());
        assertProblem(send("clinician1", multipart(colourPhoto(), "photo.png", "examinationId", id)), 422, "colour");
        assertEquals(404, send("clinician2", multipart(HeadPhantom.png(256, true), "x.png", "examinationId", id)).statusCode(),
                "another clinician cannot add to it");

        JsonObject study = readJson("/api/v1/examinations/" + id, "clinician1");
        assertEquals(2, study.getInt("sliceCount"));
        assertEquals(1, study.getInt("rejectedCount"));
        assertEquals("COLOUR", study.getJsonArray("rejections").getJsonObject(0).getString("reason"));
        List<JsonObject> slices = study.getJsonArray("slices").getValuesAs(JsonObject.class);
        double first = slices.get(0).getJsonNumber("probability").doubleValue();
        double second = slices.get(1).getJsonNumber("probability").doubleValue();
        assertTrue(first >= second, "most suspicious slice first");
        assertEquals(first, study.getJsonNumber("maxProbability").doubleValue(), 1e-9);
        // the study verdict comes from the card's study rule over the slices, the one implementation the CLI uses too
        // (a study with fewer slices than the rule averages is judged as its most suspicious slice)
        StudyRule rule = ActiveModel.card().studyRuleFor(slices.size());
        StudyRule.Score expected = rule.score(slices.stream().mapToDouble(s -> s.getJsonNumber("probability").doubleValue())
                .toArray());
        assertEquals(expected.probability(), study.getJsonNumber("studyProbability").doubleValue(), 1e-5);
        assertEquals(rule.threshold(), study.getJsonNumber("studyThreshold").doubleValue(), 1e-9);
        assertEquals(expected.positive() ? "SUSPECTED" : "NOT_DETECTED", study.getString("verdict"));
        assertEquals(404, get(uri("/api/v1/examinations/" + id), "clinician2", HttpResponse.BodyHandlers.ofString()).statusCode());
        assertFalse(study.containsKey("clinicianFinding"), "no clinician's finding before sign-off: " + study);
        String aiVerdict = study.getString("verdict");
        String otherVerdict = aiVerdict.equals("SUSPECTED") ? "NOT_DETECTED" : "SUSPECTED";

        // signing makes it final; a correction is an amendment that keeps the signature
        Instant beforeSigning = Instant.now().minusSeconds(5);
        assertEquals(201, postJson("/api/v1/examinations/" + id + "/signature", "clinician1",
                "{\"agrees\":true,\"comment\":\"small bleed seen\"}").statusCode());
        // issue 24, item 1: the clinician's finding, who and when, beside the AI's verdict (which stays)
        JsonObject signed = readJson("/api/v1/examinations/" + id, "clinician1");
        assertEquals(aiVerdict, signed.getString("clinicianFinding"), "agreeing: the clinician finds what the AI did");
        assertTrue(signed.getBoolean("clinicianAgreesWithAi"));
        assertEquals("clinician1", signed.getString("clinicianFindingBy"));
        assertFalse(Instant.parse(signed.getString("clinicianFindingAt")).isBefore(beforeSigning));
        assertEquals(aiVerdict, signed.getString("verdict"));
        assertProblem(send("clinician1", multipart(HeadPhantom.png(256, true), "late.png", "examinationId", id)), 409, "signed");
        assertProblem(postJson("/api/v1/examinations/" + id + "/signature", "clinician1", "{\"agrees\":false}"), 409, "amend");
        assertEquals(201, postJson("/api/v1/examinations/" + id + "/amendments", "clinician1",
                "{\"agrees\":false,\"comment\":\"on second read: artefact\"}").statusCode());
        JsonObject amended = readJson("/api/v1/examinations/" + id, "clinician1");
        assertEquals("AMENDED", amended.getString("reviewState"));
        List<JsonObject> reviews = amended.getJsonArray("reviews").getValuesAs(JsonObject.class);
        assertEquals(List.of("signature", "amendment"), reviews.stream().map(r -> r.getString("kind")).toList());
        assertEquals("small bleed seen", reviews.get(0).getString("comment"));
        // the amendment disagrees: the clinician's finding is now the other one, and the AI's verdict is unchanged
        assertEquals(otherVerdict, amended.getString("clinicianFinding"), amended.toString());
        assertFalse(amended.getBoolean("clinicianAgreesWithAi"));
        assertEquals(aiVerdict, amended.getString("verdict"));
        assertEquals(reviews.get(1).getString("signedAt"), amended.getString("clinicianFindingAt"), "the amendment's time");
        assertEquals(List.of(aiVerdict, otherVerdict), reviews.stream().map(r -> r.getString("finding")).toList());
        assertEquals(2, amended.getInt("sliceCount"), "nothing was added after signing");

        List<AuditEvent> events = AuditApi.recent(URI.create(base.toString()));
        for (String action : List.of("EXAMINATION_CREATED", "EXAMINATION_SIGNED", "EXAMINATION_AMENDED")) {
            assertEquals(1, AuditApi.about(events, "patient " + patient, action).size(), action);
        }
        assertEquals(2, AuditApi.about(events, "patient " + patient, "PREDICTION_MADE").size());
        assertEquals(1, AuditApi.about(events, "patient " + patient, "IMAGE_REJECTED").size());
    }

    private HttpResponse<String> postJson(String path, String user, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The operators' metrics at {@code /metrics}, anonymous: one classified image counted once for the active model
     * with its inference time and engine call, one photo counted once as a gate refusal, the predictions endpoint's
     * request histogram.
     */
    @Test
    void metricsCountClassifiedAndRefusedImagesAndTimeTheRequests() throws Exception {
        String before = scrapeMetrics();
        Map<String, String> model = Map.of("model", ActiveModel.ID);
        Map<String, String> photo = Map.of("stage", "gate", "reason", "COLOUR");
        Map<String, String> created = Map.of("endpoint", "/api/v1/predictions", "method", "POST", "status", "201");

        assertEquals(201, upload("clinician1", HeadPhantom.png(192, true), "metrics.png", null).statusCode());
        assertProblem(upload("clinician1", colourPhoto(), "photo.png", null), 422, "colour");
        String after = scrapeMetrics();

        assertEquals(1, sample(after, "strokescan_predictions_total", model)
                - sample(before, "strokescan_predictions_total", model), "one image classified: " + series(after,
                "strokescan_predictions_total"));
        assertEquals(1, sample(after, "strokescan_refusals_total", photo)
                - sample(before, "strokescan_refusals_total", photo), series(after, "strokescan_refusals_total"));
        assertEquals(1, sample(after, "strokescan_inference_seconds_count", model)
                - sample(before, "strokescan_inference_seconds_count", model), "inference timed once");
        assertTrue(sample(after, "strokescan_inference_batch_size_count", model) >= 1, "engine calls counted");
        assertTrue(sample(after, "strokescan_http_request_seconds_count", created)
                > sample(before, "strokescan_http_request_seconds_count", created), series(after,
                "strokescan_http_request_seconds_count"));
        assertTrue(after.contains("# TYPE strokescan_http_request_seconds histogram"), "a Prometheus histogram");
        assertTrue(sample(after, "strokescan_http_request_seconds_bucket", Map.of("endpoint", "/api/v1/predictions",
                "method", "POST", "status", "201", "le", "+Inf")) >= 1, "with buckets");
        assertFalse(after.matches("(?s).*strokescan_http_request_seconds\\w*\\{[^}]*endpoint=\"[^\"]*[0-9a-f]{8}-.*"),
                "no raw identifier as an endpoint");
    }

    /**
     * Debian's promtool reads the endpoint as Prometheus would ({@code promtool check metrics}: parse, then lint).
     * StrokeScan's metrics ({@code ?scope=application}) must pass both. The whole endpoint must parse (exit 0 or 3);
     * its only lint complaints may be about Payara's JVM metrics, whose names the MicroProfile Metrics specification
     * fixes ({@code memory_usedHeap_bytes}, {@code thread_count}: camelCase, a gauge ending in {@code _count}).
     */
    @Test
    void promtoolChecksTheMetricsEndpoint() throws Exception {
        assertEquals(201, upload("clinician1", HeadPhantom.png(176, false), "promtool.png", null).statusCode());
        assertProblem(upload("clinician1", colourPhoto(), "photo.png", null), 422, "colour");
        String application = scrapeMetrics("/metrics?scope=application");
        String all = scrapeMetrics("/metrics");
        Path promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(promtool != null,
                "promtool is not installed (Debian package prometheus): the /metrics text was not checked");
        System.out.println("/metrics?scope=application:\n" + application);

        String[] ours = promtool(promtool, application);
        assertEquals("0", ours[0], "promtool check metrics on StrokeScan's metrics: " + ours[1]);
        assertTrue(application.contains("strokescan_predictions_total{"), "our metrics were what it read");

        String[] whole = promtool(promtool, all);
        assertTrue(whole[0].equals("0") || whole[0].equals("3"), "the whole endpoint parses (1 = it does not): "
                + whole[1]);
        List<String> ourComplaints = whole[1].lines().filter(line -> line.startsWith("strokescan_")).toList();
        assertEquals(List.of(), ourComplaints, "lint complaints about StrokeScan's metrics");
    }

    /** promtool check metrics over {@code text}: its exit code and what it printed. */
    private static String[] promtool(Path promtool, String text) throws Exception {
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = check.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "promtool ended");
        System.out.println("promtool check metrics (" + text.lines().count() + " lines): exit " + check.exitValue()
                + "\n" + output);
        return new String[] {Integer.toString(check.exitValue()), output};
    }

    private String scrapeMetrics() throws Exception {
        return scrapeMetrics("/metrics");
    }

    private String scrapeMetrics(String path) throws Exception {
        // the Accept header Prometheus 2.42 (Debian 12) scrapes with
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Accept",
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "anonymous scrape: " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                response.headers().toString());
        return response.body();
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 when there is none. */
    private static double sample(String metrics, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int close = line.lastIndexOf('}');
            Map<String, String> found = new java.util.HashMap<>();
            java.util.regex.Matcher label = java.util.regex.Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"")
                    .matcher(close < 0 ? "" : line.substring(name.length(), close + 1));
            while (label.find()) {
                found.put(label.group(1), label.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(line.substring(close < 0 ? name.length() : close + 1).strip().split(" ")[0]);
            }
        }
        return sum;
    }

    private static String series(String metrics, String name) {
        return String.join("\n", metrics.lines().filter(line -> line.startsWith(name)).toList());
    }

    private JsonObject readJson(String path, String user) throws Exception {
        HttpResponse<String> response = get(uri(path), user, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
        assertNotNull(problem.getString("detail"));
        assertTrue(problem.getString("detail").contains(detail), problem.getString("detail"));
    }

    private static byte[] colourPhoto() throws IOException {
        BufferedImage image = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 200; x++) {
                image.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | 60);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static final String BOUNDARY = "strokescan-it-boundary";

    private HttpResponse<String> upload(String user, byte[] image, String fileName, String patientId) throws Exception {
        return send(user, multipart(image, fileName, patientId));
    }

    private HttpResponse<String> send(String user, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/predictions"))
                .header("Authorization", basic(user))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> get(URI target, String user, HttpResponse.BodyHandler<T> handler) throws Exception {
        return http.send(HttpRequest.newBuilder(target).header("Authorization", basic(user)).build(), handler);
    }

    private static byte[] multipart(byte[] image, String fileName, String patientId) throws IOException {
        return multipart(image, fileName, "patientId", patientId);
    }

    private static byte[] multipart(byte[] image, String fileName, String field, String value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (value != null) {
            out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (image != null) {
            out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(image);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        } else {
            out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nnone\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String basic(String user) {
        return Api.basic(user, SeededAccounts.get(user).password());
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }
}
