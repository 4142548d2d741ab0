package org.strokescan.it;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the tests talk to the REST API: HTTP Basic, multipart uploads, and waiting for something to happen. */
final class Api {

    static final String BOUNDARY = "strokescan-test-boundary";

    interface Check {
        boolean holds() throws Exception;
    }

    private Api() {
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code multipart/form-data} body (boundary {@link #BOUNDARY}): one text field, then the image part. */
    static byte[] multipart(String field, String value, String fileName, byte[] image) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (value != null) {
            fields.put(field, value);
        }
        return multipart(fields, "image", fileName, "application/octet-stream", image);
    }

    /** A {@code multipart/form-data} body (boundary {@link #BOUNDARY}): the text fields in order, then one file part. */
    static byte[] multipart(Map<String, String> fields, String partName, String fileName, String contentType,
                            byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A REST call as a seeded user, with an optional JSON body. */
    static HttpResponse<String> send(URI base, String method, String path, String user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", basic(user, SeededAccounts.get(user).password()));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Adds one image to an examination, as a seeded user. */
    static HttpResponse<String> addSlice(URI base, String user, String examination, String fileName, byte[] image)
            throws Exception {
        return addSlice(base, user, SeededAccounts.get(user).password(), examination, fileName, image);
    }

    static HttpResponse<String> addSlice(URI base, String user, String password, String examination, String fileName,
                                         byte[] image) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/predictions"))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("examinationId", examination, fileName, image)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The model loads in the background after deployment; classifying before then is refused as "not ready". */
    static void awaitModel(URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/health/ready")).build();
        await("the model is ready", Duration.ofSeconds(120),
                () -> http.send(ready, HttpResponse.BodyHandlers.ofString()).body().contains("\"state\":\"READY\""));
    }

    static void await(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(200);
        }
    }
}
