package org.strokescan.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

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
    static byte[] multipart(String field, String value, String fileName, byte[] image) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (value != null) {
            body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(image);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
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
