package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.strokescan.training.HeadPhantom;

/**
 * A report queued while the EHR is down survives a restart of StrokeScan and is delivered once by the next
 * server; and with no EHR configured, the run command's default, delivery is off. Starts Payara Micro itself, the
 * way the README's run command does (Arquillian cannot restart a deployment), on a database of its own.
 */
class DeliveryRestartIT {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Path data = Path.of("target", "restart-it-data").toAbsolutePath();
    private final List<Process> servers = new ArrayList<>();
    private TestEhr ehr;
    private int port;

    @AfterEach
    void stopEverything() throws Exception {
        for (Process server : servers) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (ehr != null) {
            ehr.stop();
        }
    }

    @Test
    void aReportQueuedBeforeARestartIsDeliveredOnceAfterIt() throws Exception {
        deleteRecursively(data);
        int ehrPort = freePort();
        ehr = new TestEhr(ehrPort);
        port = freePort();

        Process first = start(ehrPort, "first");
        String patient = "MRN-R" + UUID.randomUUID().toString().substring(0, 8);
        String examination = Json.createReader(new StringReader(send("POST", "/api/v1/examinations", "clinician1",
                "application/json", ("{\"patientId\":\"" + patient + "\"}").getBytes(StandardCharsets.UTF_8)).body()))
                .readObject().getString("id");
        assertEquals(201, upload(examination).statusCode());
        assertEquals(201, send("POST", "/api/v1/examinations/" + examination + "/signature", "clinician1",
                "application/json", "{\"agrees\":false}".getBytes(StandardCharsets.UTF_8)).statusCode());
        Api.await("a delivery attempt", Duration.ofSeconds(30), () -> report(examination).getInt("attempts") > 0);
        assertEquals("PENDING", report(examination).getString("state"), "the EHR is down: the report waits");

        first.destroy(); // a regular shutdown, as an operator's restart
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first server stopped");
        ehr.start();
        start(ehrPort, "second");
        Api.await("the report is sent", Duration.ofSeconds(60), () -> "SENT".equals(report(examination).getString("state")));
        List<DiagnosticReport> reports = ehr.find(DiagnosticReport.class, DeliveryIT.EXAMINATION_SYSTEM, examination);
        assertEquals(1, reports.size());
        assertEquals(DiagnosticReport.DiagnosticReportStatus.FINAL, reports.getFirst().getStatus());
    }

    /**
     * The run command's default: no EHR configured. The server starts, classifies, queues nothing, and says so; and
     * its log has no warning an operator cannot act on (issue 24, item 10): none that a database setting has "no
     * default" (each has one in microprofile-config.properties, the password is empty unless set), and no line of
     * Hazelcast's health monitor, which reported "high load" every 20 s of ordinary work.
     */
    @Test
    void withoutAnEhrConfiguredDeliveryIsOffAndNothingIsQueued() throws Exception {
        deleteRecursively(data);
        port = freePort();
        start(null, "no-ehr");
        assertTrue(get("/health/ready").contains("\"delivery\":\"off\""), get("/health/ready"));
        String examination = Json.createReader(new StringReader(send("POST", "/api/v1/examinations", "clinician1",
                "application/json", "{\"patientId\":\"MRN-OFF1\"}".getBytes(StandardCharsets.UTF_8)).body()))
                .readObject().getString("id");
        assertEquals(201, upload(examination).statusCode());
        assertEquals("[]", send("GET", "/api/v1/deliveries", "admin", null, null).body().strip());

        // read as bytes: a line in another encoding must not fail the check
        List<String> log = Files.readString(serverLog("no-ehr"), StandardCharsets.ISO_8859_1).lines().toList();
        assertEquals(List.of(), log.stream().filter(line -> line.contains("no default given")).toList(),
                "warnings about settings that have their default in microprofile-config.properties");
        assertEquals(List.of(), log.stream().filter(line -> line.contains("HealthMonitor")).toList(),
                "the health monitor's lines (payara-config/system.properties turns it off)");
    }

    /** @param ehrPort where the EHR listens; null: no EHR configured */
    private Process start(Integer ehrPort, String name) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.io.tmpdir=target", "-jar", System.getenv("MICRO_JAR"),
                "--deploy", "target/strokescan.war", "--contextroot", "/", "--port", String.valueOf(port),
                "--nocluster", "--disablephonehome", "--addlibs", "target/payara/lib",
                "--prebootcommandfile", "payara-config/pre-boot-commands.asadmin",
                "--postbootcommandfile", "payara-config/post-boot-commands.asadmin",
                "--systemproperties", "payara-config/system.properties");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(serverLog(name).toFile());
        Map<String, String> env = builder.environment();
        env.put("STROKESCAN_DATA_DIR", data.toString());
        env.put("STROKESCAN_DB_URL", "jdbc:h2:file:" + data.resolve("strokescan"));
        if (ehrPort == null) {
            env.remove("STROKESCAN_FHIR_BASE_URL"); // set for the other ITs by failsafe
        } else {
            env.put("STROKESCAN_FHIR_BASE_URL", "http://127.0.0.1:" + ehrPort + "/fhir");
        }
        env.put("STROKESCAN_FHIR_MAX_ATTEMPTS", "100");
        Process server = builder.start();
        servers.add(server);
        Api.await("the " + name + " server is ready", Duration.ofSeconds(180), () -> {
            if (!server.isAlive()) {
                throw new AssertionError("the " + name + " server stopped; see its log in target/failsafe-reports");
            }
            // ready, and (on the first start) done seeding: the passwords it wrote work
            return get("/health/ready").contains("\"state\":\"READY\"")
                    && Files.exists(data.resolve("initial-credentials.txt"))
                    && send("GET", "/api/v1/me", "clinician1", null, null).statusCode() == 200;
        });
        return server;
    }

    private static Path serverLog(String name) {
        return Path.of("target", "failsafe-reports", "DeliveryRestartIT-" + name + "-server.txt");
    }

    private JsonObject report(String examination) throws Exception {
        String body = send("GET", "/api/v1/deliveries?max=1000", "admin", null, null).body();
        return Json.createReader(new StringReader(body)).readArray().getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("examinationId").equals(examination))
                .filter(m -> m.getString("kind").equals("FINAL")).findFirst().orElseThrow();
    }

    private HttpResponse<String> upload(String examination) throws Exception {
        return send("POST", "/api/v1/predictions", "clinician1", "multipart/form-data; boundary=" + Api.BOUNDARY,
                Api.multipart("examinationId", examination, "slice.png", HeadPhantom.png(256, true)));
    }

    private HttpResponse<String> send(String method, String path, String user, String type, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", Api.basic(user, SeededAccounts.read(data).get(user).password()));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return ""; // not up yet
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port).resolve(path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
