package org.strokescan.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How the tests send DICOM files to StrokeScan as a PACS does: one STOW-RS request, multipart/related. */
final class Stow {

    static final String CONTENT_TYPE = "multipart/related; type=\"application/dicom\"; boundary=";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Stow() {
    }

    /** {@code files} as one request to {@code path} (e.g. {@code /dicomweb/studies}) with these credentials. */
    static HttpResponse<String> send(URI base, String user, String password, String path, List<Path> files)
            throws IOException, InterruptedException {
        String boundary = "stow-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", Api.basic(user, password))
                .header("Content-Type", CONTENT_TYPE + boundary).header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
