package org.strokescan.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PACS harness checks itself: Orthanc, started with the repository's configuration and Lua script, sends a
 * stable CT study to a STOW-RS receiver (here a JDK HTTP server standing in for StrokeScan's endpoint, which is
 * tested against the real one elsewhere) as one {@code multipart/related; type="application/dicom"} request with
 * HTTP Basic credentials, and keeps a study without CT to itself.
 */
class OrthancForwardingTest {

    private static final String USER = "pacs1";
    private static final String PASSWORD = "orthanc-test-secret";
    private static final Duration ARRIVAL_LIMIT = Duration.ofSeconds(60);

    /** A STOW-RS request as it arrived. */
    record Received(Instant at, String method, String path, String contentType, String authorization, byte[] body) {
    }

    @TempDir
    Path temp;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** SOP Instance UIDs the receiver reports as stored: those of the study the test generated. */
    private volatile List<String> acknowledged = List.of();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/dicomweb/studies", this::receive);
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aStableCtStudyArrivesAsOneStowRequestWithItsInstancesAndBasicCredentials() throws Exception {
        SharedData.require("brain-ct");
        CtSeries.Summary study = CtSeries.ofPatient(49, 5, "orthanc-forwarding-test", temp.resolve("study"));
        acknowledged = study.sopInstanceUids();
        Instant starting = Instant.now();
        try (Orthanc orthanc = Orthanc.start(receiverUri(), USER, PASSWORD)) {
            Instant started = Instant.now();
            List<Orthanc.Stored> stored = orthanc.storeAll(study.folder());
            Instant lastStored = Instant.now();
            assertEquals(5, stored.size());
            assertEquals(List.of(stored.getFirst().parentStudy()), orthanc.studies());

            Received stow = received.poll(ARRIVAL_LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(stow, () -> "no STOW-RS request within " + ARRIVAL_LIMIT + "; Orthanc's log:\n" + orthanc.log());
            assertEquals("POST", stow.method());
            assertEquals("/dicomweb/studies", stow.path());
            assertEquals("Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)), stow.authorization());
            ContentType contentType = new ContentType(stow.contentType());
            assertTrue(contentType.match("multipart/related"), stow.contentType());
            assertEquals("application/dicom", contentType.getParameter("type"), stow.contentType());

            MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(stow.body(), stow.contentType()));
            assertEquals(5, parts.getCount(), "parts of the STOW-RS request");
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                assertTrue(new ContentType(part.getContentType()).match("application/dicom"), part.getContentType());
                sent.add(sha256(part.getInputStream().readAllBytes()));
            }
            List<String> generated = new ArrayList<>();
            for (Path file : CtSeries.files(study)) {
                generated.add(sha256(Files.readAllBytes(file)));
            }
            assertEquals(generated.stream().sorted().toList(), sent.stream().sorted().toList(),
                    "Orthanc forwards the stored files unchanged");

            // the plugin accepts the receiver's answer only if it lists every instance as stored
            Orthanc.StowJob job = orthanc.awaitStowJobEnded(Duration.ofSeconds(30));
            assertEquals("Success", job.state(), () -> job.content() + "\n" + orthanc.log());
            assertTrue(orthanc.luaLog().stream().anyMatch(line -> line.contains(job.id())), orthanc::log);
            assertNull(received.poll(), "one request for the whole study");
            System.out.printf("Orthanc started in %d ms; last instance stored -> STOW-RS arrived in %d ms "
                            + "(StableAge 2 s); job created %s, completed %s%n",
                    Duration.between(starting, started).toMillis(), Duration.between(lastStored, stow.at()).toMillis(),
                    job.created(), job.completed());
        }
    }

    @Test
    void aStudyWithoutCtStaysInThePacs() throws Exception {
        SharedData.require("brain-ct");
        CtSeries.Summary study = CtSeries.ofPatient(49, 2, "orthanc-mr-test", temp.resolve("mr"), "--modality", "MR");
        try (Orthanc orthanc = Orthanc.start(receiverUri(), USER, PASSWORD)) {
            String studyId = orthanc.storeAll(study.folder()).getFirst().parentStudy();
            long deadline = System.nanoTime() + ARRIVAL_LIMIT.toNanos();
            while (orthanc.luaLog().stream().noneMatch(line -> line.contains(studyId) && line.contains("no CT series"))) {
                assertTrue(System.nanoTime() < deadline, () -> "the study never became stable:\n" + orthanc.log());
                Thread.sleep(100);
            }
            assertNull(received.poll(), "an MR study was forwarded");
            assertEquals(List.of(), orthanc.stowJobs());
        }
    }

    private URI receiverUri() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/dicomweb");
    }

    /** Keeps the request and answers a minimal STOW-RS response: every instance stored (PS3.18 10.5.3). */
    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            JsonArrayBuilder referenced = Json.createArrayBuilder();
            for (String uid : acknowledged) {
                referenced.add(Json.createObjectBuilder()
                        .add("00081150", attribute("UI", "1.2.840.10008.5.1.4.1.1.2"))
                        .add("00081155", attribute("UI", uid)));
            }
            byte[] response = Json.createObjectBuilder()
                    .add("00081199", Json.createObjectBuilder().add("vr", "SQ").add("Value", referenced))
                    .build().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        }
    }

    private static jakarta.json.JsonObjectBuilder attribute(String vr, String value) {
        return Json.createObjectBuilder().add("vr", vr).add("Value", Json.createArrayBuilder().add(value));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
