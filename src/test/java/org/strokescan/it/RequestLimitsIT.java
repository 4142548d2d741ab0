package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.strokescan.platform.ShippedConfiguration;
import org.strokescan.training.HeadPhantom;

/**
 * Request bodies larger than the server takes: an upload far above the upload limit (through the API and through
 * the examination page), a body without a declared length, a long multipart text field and a long JSON body. Each
 * is refused with a specific answer and no 5xx, an oversized upload before the server has read it, and the server
 * goes on classifying. The bodies are generated while they are sent, never held in the test's memory.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestLimitsIT {

    /** The default upload limit (strokescan.upload.max-bytes) and the body limit of an upload request above it. */
    private static final long UPLOAD_LIMIT = ShippedConfiguration.longValue("strokescan.upload.max-bytes");
    private static final long UPLOAD_REQUEST_LIMIT = UPLOAD_LIMIT + 64 * 1024;
    /** strokescan.request.max-bytes: any other body (JSON, forms). */
    private static final long OTHER_REQUEST_LIMIT = ShippedConfiguration.longValue("strokescan.request.max-bytes");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    URI api;
    SeededAccounts.Credentials clinician;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"));
    }

    @BeforeEach
    void modelIsReady() throws Exception {
        api = URI.create(base.toString());
        Api.awaitModel(api);
        clinician = SeededAccounts.get("clinician1");
    }

    @Test
    void anUploadFarAboveTheLimitIsRefusedBeforeTheIntakeReadsIt() throws Exception {
        StreamedBody body = StreamedBody.multipart(Map.of("patientId", patient()), "image", "huge.png", 30L << 20);
        HttpResponse<String> response = HTTP.send(predictions().expectContinue(true).POST(body.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());

        // the answer names the request's limit: the file part was never handed to the image intake, which names
        // the file limit once it has read one more byte than that
        assertProblem(response, 413, "larger than the limit of " + UPLOAD_REQUEST_LIMIT + " bytes");
        System.out.println("30 MiB with Expect: 100-continue: the client sent " + body.taken() + " of "
                + body.length() + " bytes");

        // above the HTTP listener's ceiling (32 MiB) the container itself refuses, before authentication, and
        // closes the connection without taking the body
        StreamedBody huge = StreamedBody.multipart(Map.of("patientId", patient()), "image", "huge.png", 600L << 20);
        HttpResponse<String> refused = HTTP.send(predictions().expectContinue(true).POST(huge.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, refused.statusCode(), refused.body());
        assertTrue(huge.taken() < huge.length() / 2, "the client sent " + huge.taken() + " of " + huge.length());
        System.out.println("600 MiB with Expect: 100-continue: the client sent " + huge.taken() + " of "
                + huge.length() + " bytes");
        serverStillClassifies();
    }

    @Test
    void anUploadJustAboveTheLimitStillGetsTheIntakesOwnReason() throws Exception {
        StreamedBody body = StreamedBody.multipart(Map.of("patientId", patient()), "image", "huge.png", UPLOAD_LIMIT + 1);
        HttpResponse<String> response = HTTP.send(predictions().POST(body.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 413, "The file is larger than the limit of " + UPLOAD_LIMIT + " bytes.");
    }

    @Test
    void aBodyWithoutADeclaredLengthIsRefused() throws Exception {
        StreamedBody body = StreamedBody.multipart(Map.of("patientId", patient()), "image", "huge.png", 30L << 20);
        HttpResponse<String> response = HTTP.send(predictions().expectContinue(true).POST(body.chunked()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 411, "Content-Length");
        serverStillClassifies();
    }

    @Test
    void aPageUploadFarAboveTheLimitIsRefusedAndThePageGoesOn() throws Exception {
        FuzzCampaign.Page page = FuzzCampaign.openExamination(api, clinician.username(), clinician.password());
        for (long size : new long[] {30L << 20, 60L << 20}) {
            StreamedBody body = StreamedBody.multipart(FacesClient.uploadFields(page.document(), "upload",
                    "upload:files", "results unprocessed"), "upload:files", "huge.png", size);
            HttpResponse<String> response = page.client().postUpload(page.path(), body.publisher());

            assertEquals(413, response.statusCode(), size + " bytes: " + response.body());
            if (size < 32L << 20) { // above the listener's ceiling the container answers in its own words
                assertTrue(response.body().contains("larger than the limit of " + UPLOAD_REQUEST_LIMIT + " bytes"),
                        size + " bytes: " + response.body());
            }
        }
        // nothing was stored for the refused requests, and the same page still takes a slice
        FuzzCampaign.Outcome slice = FuzzCampaign.faces(page, FuzzCorpus.generate(1, 0).getFirst());
        assertEquals("classified", slice.answer());
        JsonObject stored = json(Api.send(api, "GET", "/api/v1/examinations/"
                + page.path().substring(page.path().indexOf("id=") + 3), clinician.username(), null).body());
        assertEquals(1, stored.getJsonArray("slices").size());
        assertEquals(0, stored.getJsonArray("rejections").size());
    }

    @Test
    void aLongMultipartTextFieldIsRefusedWithoutBeingTakenAsText() throws Exception {
        for (String field : new String[] {"patientId", "examinationId"}) {
            StreamedBody body = StreamedBody.longField(field, 1L << 20, HeadPhantom.png(256, true));
            HttpResponse<String> response = HTTP.send(predictions().POST(body.publisher()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertProblem(response, 400, "The field " + field + " is longer than");
        }
        serverStillClassifies();
    }

    @Test
    void aLongJsonBodyIsRefusedBeforeItIsParsed() throws Exception {
        String examination = json(Api.send(api, "POST", "/api/v1/examinations", clinician.username(),
                "{\"patientId\":\"" + patient() + "\"}").body()).getString("id");
        for (String path : new String[] {"/api/v1/examinations", "/api/v1/examinations/" + examination + "/signature"}) {
            StreamedBody body = StreamedBody.json(path.endsWith("signature") ? "comment" : "note", 1L << 20);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve(path))
                    .header("Authorization", Api.basic(clinician.username(), clinician.password()))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(body.publisher()).build(), HttpResponse.BodyHandlers.ofString());

            assertProblem(response, 413, "larger than the limit of " + OTHER_REQUEST_LIMIT + " bytes");
        }
        // a JSON body within the limit is still read
        HttpResponse<String> started = Api.send(api, "POST", "/api/v1/examinations", clinician.username(),
                "{\"patientId\":\"" + patient() + "\",\"note\":\"" + "x".repeat(2001) + "\"}");
        assertProblem(started, 400, "2000");
    }

    private HttpRequest.Builder predictions() {
        return HttpRequest.newBuilder(api.resolve("/api/v1/predictions"))
                .header("Authorization", Api.basic(clinician.username(), clinician.password()))
                .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                .timeout(Duration.ofSeconds(120));
    }

    /** The server is healthy and still classifies a slice. */
    private void serverStillClassifies() throws Exception {
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(api.resolve("/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        HttpResponse<String> slice = HTTP.send(predictions().POST(HttpRequest.BodyPublishers.ofByteArray(
                Api.multipart("patientId", patient(), "slice.png", HeadPhantom.png(256, true)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, slice.statusCode(), slice.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers() + " " + response.body());
        String text = json(response.body()).getString("detail", "");
        assertTrue(text.contains(detail), "detail '" + text + "' should say '" + detail + "'");
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String patient() {
        return "MRN-L" + UUID.randomUUID().toString().substring(0, 8);
    }
}
