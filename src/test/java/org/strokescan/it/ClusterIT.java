package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.strokescan.platform.PostgresTestDatabase;
import org.strokescan.training.HeadPhantom;

/**
 * The cluster's failure test. Three nodes started by {@code payara-config/cluster/cluster.sh}, as an operator starts
 * them, behind HAProxy, on one PostgreSQL, delivering to the test EHR. Eight API clients create examinations, upload
 * a slice and sign, through HAProxy, while Chromium works through an examination; mid-run the browser's node is
 * killed with SIGKILL, and later a fourth node joins under load. Then: every upload that was answered 201 is readable,
 * none is stored twice, the EHR holds exactly one report per examination in as many versions as were sent, the browser
 * signed without signing in again, the audit chain verifies as one, and the fourth node took traffic. The table it
 * prints goes to target/failsafe-reports/ClusterIT-report.txt.
 */
class ClusterIT {

    private static final int CLIENTS = 8;
    /**
     * Each client's pause between examinations: a steady load that the EHR relay keeps up with, so the test ends
     * within minutes (the relay validates each report before its first send); not a measure of throughput.
     */
    private static final Duration THINK_TIME = Duration.ofSeconds(2);
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(20);
    private static final Duration LOAD_AFTER_KILL = Duration.ofSeconds(20);
    /** A request that met a dead node is tried again this often, a second apart. */
    private static final int ATTEMPTS = 15;
    private static final Path DATA = Path.of("target", "cluster-it-data").toAbsolutePath();
    private static final Path REPORT = Path.of("target", "failsafe-reports", "ClusterIT-report.txt");
    private static final Set<Integer> RETRYABLE = Set.of(502, 503, 504);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private PostgresTestDatabase database;
    private TestEhr ehr;
    private ChromeDriver browser;
    private URI entry;
    private int firstNodePort;
    private int firstGridPort;
    private Map<String, String> environment;

    /** One client's examination: the upload's answer, and whether a request of it met a dead node. */
    private record Outcome(String user, String examinationId, String predictionId, boolean signed, int retries) {
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (Process process : processes.reversed()) {
            process.destroy(); // cluster.sh stops its nodes and HAProxy on SIGTERM
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        killRemainingNodes();
        if (ehr != null) {
            ehr.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aNodeKilledUnderLoadLosesNothingAndDeliversNothingTwice() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/haproxy")) || Files.isExecutable(Path.of("/usr/bin/haproxy")),
                "needs Debian's haproxy (apt-get install -y haproxy)");
        database = PostgresTestDatabase.create("strokescan_cluster_it");
        int ehrPort = freePorts(1);
        ehr = new TestEhr(ehrPort);
        ehr.start();
        startCluster(ehrPort);
        awaitNodes(3, 3);

        Map<String, SeededAccounts.Credentials> accounts = SeededAccounts.read(DATA);
        String browserExamination = examinationWithASlice(accounts.get("clinician2"), "MRN-CB0001");
        openBrowserOn(browserExamination, accounts.get("clinician2"));
        String browserNode = browser.manage().getCookieNamed("STROKESCAN_NODE").getValue();

        // an upload sent twice with one Idempotency-Key (its first answer lost) is stored once
        SeededAccounts.Credentials clinician = accounts.get("clinician1");
        String twice = json(send(clinician, "POST", "/api/v1/examinations", "application/json",
                "{\"patientId\":\"MRN-CK0001\"}".getBytes(StandardCharsets.UTF_8), null).body()).getString("id");
        String key = UUID.randomUUID().toString();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> upload = send(clinician, "POST", "/api/v1/predictions", "multipart/form-data; boundary="
                    + Api.BOUNDARY, Api.multipart("examinationId", twice, "slice.png", HeadPhantom.png(256, true)), key);
            assertEquals(201, upload.statusCode(), upload.body());
            answers.add(json(upload.body()).getString("id"));
        }
        assertEquals(answers.getFirst(), answers.getLast(), "the second send is answered with the first's prediction");
        assertEquals(1, json(get("/api/v1/examinations/" + twice, clinician).body()).getInt("sliceCount"));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger completed = new AtomicInteger();
        Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            SeededAccounts.Credentials user = accounts.get(c % 2 == 0 ? "clinician1" : "clinician2");
            int client = c;
            work.add(clients.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    outcomes.add(oneExamination(user, "MRN-C%d%04d".formatted(client, n), servedBy));
                    completed.incrementAndGet();
                    sleep(THINK_TIME);
                }
                return null;
            }));
        }

        List<String> table = new ArrayList<>();
        Instant loadStart = Instant.now();
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        int beforeKill = completed.get();
        double rateBefore = beforeKill / seconds(loadStart);

        // the browser's comment is typed; its node dies; the click that signs goes to a node that never saw the page
        browser.findElement(By.cssSelector("label[for='reviewForm:agrees:1']")).click();
        browser.findElement(By.id("reviewForm:comment")).sendKeys("Signed across a node failure.");
        long killedPid = Long.parseLong(Files.readString(DATA.resolve("cluster").resolve(browserNode + ".pid")).strip());
        Instant killedAt = Instant.now();
        ProcessHandle.of(killedPid).orElseThrow().destroyForcibly(); // SIGKILL
        table.add("killed " + browserNode + " (pid " + killedPid + ", the browser's node) after " + beforeKill
                + " examinations");
        int reRequests = signInBrowser();
        assertFalse(browser.getCurrentUrl().contains("login.xhtml"), "the browser had to sign in again: "
                + browser.getCurrentUrl());
        String newNode = browser.manage().getCookieNamed("STROKESCAN_NODE").getValue();
        table.add("browser: signed on " + newNode + " without signing in again, " + reRequests + " re-request(s), "
                + Duration.between(killedAt, Instant.now()).toMillis() + " ms after the kill");

        Thread.sleep(LOAD_AFTER_KILL.toMillis());
        int afterKill = completed.get();

        // a fourth node joins under load; HAProxy's spare slot takes it once /health/ready says UP
        Instant joinStart = Instant.now();
        startNode(4);
        awaitNode(4, 3);
        table.add("node4 ready and in the data grid " + Duration.between(joinStart, Instant.now()).toSeconds()
                + " s after its start");
        int servedBefore = servedBy.getOrDefault("node4", new AtomicInteger()).get();
        Api.await("node4 takes traffic through HAProxy", Duration.ofSeconds(60),
                () -> servedBy.getOrDefault("node4", new AtomicInteger()).get() > servedBefore + 5);
        stop.set(true);
        for (Future<?> client : work) {
            client.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        Duration load = Duration.between(loadStart, Instant.now());

        // every answered upload is there, once
        int retried = 0;
        for (Outcome outcome : outcomes) {
            assertEquals(200, get("/api/v1/predictions/" + outcome.predictionId(), accounts.get(outcome.user())).statusCode(),
                    "an upload answered 201 is readable: " + outcome);
            JsonObject examination = json(get("/api/v1/examinations/" + outcome.examinationId(),
                    accounts.get(outcome.user())).body());
            assertEquals(1, examination.getInt("sliceCount"), "stored once: " + outcome);
            assertTrue(outcome.signed(), "signed: " + outcome);
            retried += outcome.retries() > 0 ? 1 : 0;
        }

        // every report reached the EHR once per version
        SeededAccounts.Credentials admin = accounts.get("admin");
        Api.await("every report sent", Duration.ofSeconds(300),
                () -> deliveries(admin, "PENDING").isEmpty() && deliveries(admin, "FAILED").isEmpty());
        List<JsonObject> sent = deliveries(admin, "SENT");
        assertTrue(sent.size() < 1000, "the list holds every sent message (it shows 1,000 at most)");
        Map<String, Long> sentPerExamination = sent.stream()
                .collect(Collectors.groupingBy(message -> message.getString("examinationId"), Collectors.counting()));
        for (Outcome outcome : outcomes) {
            List<DiagnosticReport> reports = ehr.find(DiagnosticReport.class, DeliveryIT.EXAMINATION_SYSTEM,
                    outcome.examinationId());
            assertEquals(1, reports.size(), "one report in the EHR for " + outcome.examinationId());
            assertEquals(DiagnosticReport.DiagnosticReportStatus.FINAL, reports.getFirst().getStatus());
            assertEquals(String.valueOf(sentPerExamination.get(outcome.examinationId())),
                    reports.getFirst().getMeta().getVersionId(),
                    "as many versions in the EHR as messages sent, none sent twice: " + outcome.examinationId());
        }

        // what one chain across the nodes cost: the wait for its head, per append, on the nodes still running
        List<String> headWaits = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String metrics = body(URI.create("http://127.0.0.1:" + (firstNodePort + i - 1) + "/metrics"));
            double sum = metric(metrics, "strokescan_audit_head_wait_seconds_sum");
            double count = metric(metrics, "strokescan_audit_head_wait_seconds_count");
            if (count > 0) {
                headWaits.add("node%d %.1f ms over %.0f".formatted(i, 1000 * sum / count, count));
            }
        }

        String verified = auditVerify();
        assertTrue(verified.startsWith("OK "), verified);

        table.add("");
        table.add("| measure | value |");
        table.add("|---|---|");
        table.add("| examinations (create, upload, sign) by " + CLIENTS + " clients | " + outcomes.size() + " in "
                + load.toSeconds() + " s |");
        table.add("| examinations per second (clients pause " + THINK_TIME.toSeconds() + " s between them), 3 nodes,"
                + " before the kill | %.2f |".formatted(rateBefore));
        table.add("| the same, 2 nodes, in the " + LOAD_AFTER_KILL.toSeconds() + " s after the kill | %.2f |"
                .formatted((afterKill - beforeKill) / (double) LOAD_AFTER_KILL.toSeconds()));
        table.add("| examinations with a request retried after meeting a dead node | " + retried + " |");
        table.add("| uploads answered 201 and readable afterwards | " + outcomes.size() + " of " + outcomes.size() + " |");
        table.add("| examinations stored twice | 0 |");
        table.add("| reports in the EHR: one per examination, versions = messages sent | " + outcomes.size() + " of "
                + outcomes.size() + " |");
        table.add("| requests served, by node | " + new java.util.TreeMap<>(servedBy) + " |");
        table.add("| audit head wait, mean per record | " + String.join("; ", headWaits) + " |");
        table.add("| audit-verify | " + verified + " |");
        Files.writeString(REPORT, String.join("\n", table) + "\n");
        System.out.println(String.join("\n", table));
    }

    /** Creates an examination, adds one slice and signs it, each request tried again while it meets a dead node. */
    private Outcome oneExamination(SeededAccounts.Credentials user, String patient, Map<String, AtomicInteger> servedBy) {
        AtomicInteger retries = new AtomicInteger();
        HttpResponse<String> created = retrying(retries, servedBy, () -> send(user, "POST", "/api/v1/examinations",
                "application/json", ("{\"patientId\":\"" + patient + "\"}").getBytes(StandardCharsets.UTF_8), null));
        String examination = json(created.body()).getString("id");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> upload = retrying(retries, servedBy, () -> send(user, "POST", "/api/v1/predictions",
                "multipart/form-data; boundary=" + Api.BOUNDARY,
                Api.multipart("examinationId", examination, "slice.png", HeadPhantom.png(256, true)), key));
        if (upload.statusCode() != 201) {
            throw new AssertionError("upload answered " + upload.statusCode() + ": " + upload.body());
        }
        HttpResponse<String> signed = retrying(retries, servedBy, () -> send(user, "POST",
                "/api/v1/examinations/" + examination + "/signature", "application/json",
                "{\"agrees\":false}".getBytes(StandardCharsets.UTF_8), null));
        // 409 when an earlier try of this very request signed it before its node died
        boolean isSigned = signed.statusCode() == 201 || signed.statusCode() == 409 && retries.get() > 0;
        return new Outcome(user.username(), examination, json(upload.body()).getString("id"), isSigned, retries.get());
    }

    private interface Call {
        HttpResponse<String> call() throws IOException, InterruptedException;
    }

    private HttpResponse<String> retrying(AtomicInteger retries, Map<String, AtomicInteger> servedBy, Call call) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = call.call();
                if (!RETRYABLE.contains(response.statusCode())) {
                    response.headers().firstValue("Set-Cookie").filter(c -> c.startsWith("STROKESCAN_NODE="))
                            .map(c -> c.substring("STROKESCAN_NODE=".length(), c.indexOf(';')))
                            .ifPresent(node -> servedBy.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet());
                    return response;
                }
                if (attempt == ATTEMPTS) {
                    throw new AssertionError("still " + response.statusCode() + " after " + ATTEMPTS + " tries: "
                            + response.body());
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new AssertionError("no answer after " + ATTEMPTS + " tries", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            retries.incrementAndGet();
            sleep(Duration.ofSeconds(1));
        }
    }

    /**
     * Signs the open examination: the click whose node died is answered by another node, or, when its answer was
     * lost, the page is asked for again (a re-request) and the sign clicked there.
     *
     * @return the re-requests it took
     */
    private int signInBrowser() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(WebDriverException.class);
        browser.findElement(By.id("reviewForm:sign")).click();
        for (int reRequests = 0; ; reRequests++) {
            try {
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-state"), "Signed"));
                return reRequests;
            } catch (org.openqa.selenium.TimeoutException notYet) {
                if (reRequests == 3) {
                    throw notYet;
                }
                browser.navigate().refresh();
                if (!browser.findElements(By.id("reviewForm:sign")).isEmpty()) {
                    browser.findElement(By.cssSelector("label[for='reviewForm:agrees:1']")).click();
                    browser.findElement(By.id("reviewForm:sign")).click();
                }
            }
        }
    }

    private void openBrowserOn(String examination, SeededAccounts.Credentials user) throws Exception {
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,800", "--user-data-dir="
                                + Files.createTempDirectory(Path.of("target"), "chromium-").toAbsolutePath());
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(WebDriverException.class);
        browser.get(entry.resolve("/login.xhtml").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(user.username());
        browser.findElement(By.id("login:password")).sendKeys(user.password());
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.urlContains("/clinician/"));
        browser.get(entry.resolve("/clinician/examination.xhtml?id=" + examination).toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reviewForm:sign")));
        Cookie node = browser.manage().getCookieNamed("STROKESCAN_NODE");
        assertTrue(node != null && node.getValue().startsWith("node"), "HAProxy pinned the browser to a node");
    }

    private String examinationWithASlice(SeededAccounts.Credentials user, String patient) throws Exception {
        String examination = json(send(user, "POST", "/api/v1/examinations", "application/json",
                ("{\"patientId\":\"" + patient + "\"}").getBytes(StandardCharsets.UTF_8), null).body()).getString("id");
        assertEquals(201, send(user, "POST", "/api/v1/predictions", "multipart/form-data; boundary=" + Api.BOUNDARY,
                Api.multipart("examinationId", examination, "slice.png", HeadPhantom.png(256, true)), null).statusCode());
        return examination;
    }

    private void startCluster(int ehrPort) throws Exception {
        deleteRecursively(DATA);
        Files.createDirectories(REPORT.getParent());
        int entryPort = freePorts(1);
        firstNodePort = freePorts(4);
        firstGridPort = freePorts(4);
        entry = URI.create("http://127.0.0.1:" + entryPort);
        environment = new LinkedHashMap<>();
        environment.put("STROKESCAN_HTTP_PORT", String.valueOf(entryPort));
        environment.put("STROKESCAN_CLUSTER_FIRST_PORT", String.valueOf(firstNodePort));
        environment.put("STROKESCAN_CLUSTER_GRID_PORT", String.valueOf(firstGridPort));
        environment.put("STROKESCAN_CLUSTER_NAME", "strokescan-it-" + firstGridPort);
        environment.put("STROKESCAN_CLUSTER_MEMBERS", String.join(",", List.of(0, 1, 2, 3).stream()
                .map(i -> "127.0.0.1:" + (firstGridPort + i)).toList()));
        environment.put("STROKESCAN_CLUSTER_INTERFACE", "127.0.0.1");
        environment.put("STROKESCAN_DATA_DIR", DATA.toString());
        environment.put("STROKESCAN_DB_URL", database.url());
        environment.put("STROKESCAN_DB_USER", PostgresTestDatabase.USER);
        environment.put("STROKESCAN_DEMO", "true");
        environment.put("STROKESCAN_HEAP", "768m");
        environment.put("STROKESCAN_FHIR_BASE_URL", "http://127.0.0.1:" + ehrPort + "/fhir");
        environment.put("STROKESCAN_FHIR_MAX_ATTEMPTS", "100");
        environment.put("STROKESCAN_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder cluster = new ProcessBuilder("bash", "payara-config/cluster/cluster.sh").redirectErrorStream(true)
                .redirectOutput(Path.of("target", "failsafe-reports", "ClusterIT-cluster.txt").toFile());
        cluster.environment().putAll(environment);
        processes.add(cluster.start());
    }

    private void startNode(int index) throws IOException {
        ProcessBuilder node = new ProcessBuilder("bash", "payara-config/cluster/node.sh", "node" + index,
                String.valueOf(firstNodePort + index - 1), String.valueOf(firstGridPort + index - 1))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "failsafe-reports", "ClusterIT-node" + index + ".txt").toFile());
        node.environment().putAll(environment);
        processes.add(node.start());
    }

    /** Waits until nodes 1..count answer ready, each seeing {@code members} members, and HAProxy answers. */
    private void awaitNodes(int count, int members) throws Exception {
        for (int i = 1; i <= count; i++) {
            awaitNode(i, members);
        }
        Api.await("HAProxy", Duration.ofSeconds(30), () -> status(entry.resolve("/health/ready")) == 200);
    }

    private void awaitNode(int index, int members) throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + (firstNodePort + index - 1) + "/health/ready");
        Api.await("node" + index + " ready with " + members + " members", Duration.ofSeconds(300), () -> {
            assertTrue(processes.getFirst().isAlive(), "cluster.sh stopped; see target/failsafe-reports/ClusterIT-cluster.txt");
            String body = body(ready);
            return body.contains("\"status\":\"UP\"") && body.contains("\"clusterSize\":\"" + members + "\"")
                    && body.contains("\"node\":\"node" + index + "\"");
        });
    }

    private String auditVerify() throws Exception {
        ProcessBuilder cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/strokescan-cli.jar", "audit-verify").redirectErrorStream(true);
        cli.environment().put("STROKESCAN_DB_URL", database.url());
        cli.environment().put("STROKESCAN_DB_USER", PostgresTestDatabase.USER);
        Process process = cli.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return output;
    }

    private List<JsonObject> deliveries(SeededAccounts.Credentials admin, String state) throws Exception {
        JsonArray all = Json.createReader(new StringReader(get("/api/v1/deliveries?max=1000&state=" + state, admin)
                .body())).readArray();
        return all.getValuesAs(JsonObject.class);
    }

    private HttpResponse<String> get(String path, SeededAccounts.Credentials user) throws Exception {
        return send(user, "GET", path, null, null, null);
    }

    private HttpResponse<String> send(SeededAccounts.Credentials user, String method, String path, String type,
                                      byte[] body, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(entry.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", Api.basic(user.username(), user.password()));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private String body(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private void killRemainingNodes() throws IOException {
        Path pids = DATA.resolve("cluster");
        if (!Files.isDirectory(pids)) {
            return;
        }
        try (var files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** A metric's value in Prometheus text, summed over its series; 0 when absent. */
    private static double metric(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first of {@code count} consecutive free ports. */
    private static int freePorts(int count) throws IOException {
        for (int tries = 0; tries < 50; tries++) {
            int first;
            try (ServerSocket socket = new ServerSocket(0)) {
                first = socket.getLocalPort();
            }
            if (first + count > 65_000) {
                continue;
            }
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                try (ServerSocket probe = new ServerSocket(port)) {
                    free = probe.getLocalPort() == port;
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + count + " consecutive free ports");
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
