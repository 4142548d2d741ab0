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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
    private static final Path REPORT = Path.of("target", "failsafe-reports", "ClusterIT-report.txt");
    private static final Set<Integer> RETRYABLE = Set.of(502, 503, 504);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private TestCluster cluster;
    private TestEhr ehr;
    private ChromeDriver browser;
    private URI entry;

    /** One client's examination: the upload's answer, and whether a request of it met a dead node. */
    private record Outcome(String user, String examinationId, String predictionId, boolean signed, int retries) {
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (ehr != null) {
            ehr.stop();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aNodeKilledUnderLoadLosesNothingAndDeliversNothingTwice() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/haproxy")) || Files.isExecutable(Path.of("/usr/bin/haproxy")),
                "needs Debian's haproxy (apt-get install -y haproxy)");
        int ehrPort = freePort();
        ehr = new TestEhr(ehrPort);
        ehr.start();
        cluster = TestCluster.start("ClusterIT", 3, Map.of("STROKESCAN_FHIR_BASE_URL",
                "http://127.0.0.1:" + ehrPort + "/fhir", "STROKESCAN_FHIR_MAX_ATTEMPTS", "100"));
        entry = cluster.entry();

        Map<String, SeededAccounts.Credentials> accounts = SeededAccounts.read(cluster.data());
        String browserExamination = examinationWithASlice(accounts.get("clinician2"), "MRN-CB0001");
        openBrowserOn(browserExamination, accounts.get("clinician2"));
        String browserNode = browser.manage().getCookieNamed("STROKESCAN_NODE").getValue();

        // an account disabled through one node is refused at once on another, where it has a page session
        FacesClient auditor = new FacesClient(cluster.node(3).resolve("/"));
        auditor.login("auditor1", accounts.get("auditor1").password());
        FacesClient usersPage = new FacesClient(cluster.node(2).resolve("/"));
        usersPage.login("admin", accounts.get("admin").password());
        assertEquals(200, usersPage.get(AdminPage.PATH).statusCode(), "the users page on node2");
        // node3 reads the account now and would keep what it read for 5 s, were it not told of the change
        Instant read = Instant.now();
        assertEquals(200, auditor.get("/auditor/index.xhtml").statusCode(), "signed in on node3");
        AdminPage.assertShows(AdminPage.pressRowButton(usersPage, "auditor1", "Disable"), "User auditor1 disabled.");
        Instant disabled = Instant.now();
        Duration left = Duration.ofMillis(4500).minus(Duration.between(read, disabled));
        Api.await("node3 ends the disabled account's session before its own memory of the account runs out",
                left.compareTo(Duration.ofMillis(300)) > 0 ? left : Duration.ofMillis(300),
                () -> auditor.get("/auditor/index.xhtml").statusCode() == 302);
        Duration refusedAfter = Duration.between(disabled, Instant.now());

        // an upload sent twice with one Idempotency-Key (its first answer lost) is stored once
        SeededAccounts.Credentials clinician = accounts.get("clinician1");
        String twice = json(send(clinician, "POST", "/api/v1/examinations", "application/json",
                "{\"patientId\":\"MRN-CK0001\"}".getBytes(StandardCharsets.UTF_8), null).body()).getString("id");
        String key = UUID.randomUUID().toString();
        Map<Integer, Integer> concurrentCopies = new TreeMap<>();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> upload = send(clinician, "POST", "/api/v1/predictions", "multipart/form-data; boundary="
                    + Api.BOUNDARY, Api.multipart("examinationId", twice, "slice.png", HeadPhantom.png(256, true)), key);
            assertEquals(201, upload.statusCode(), upload.body());
            answers.add(json(upload.body()).getString("id"));
        }
        assertEquals(answers.getFirst(), answers.getLast(), "the second send is answered with the first's prediction");
        assertEquals(1, json(get("/api/v1/examinations/" + twice, clinician).body()).getInt("sliceCount"));
        HttpResponse<String> reused = send(clinician, "POST", "/api/v1/predictions", "multipart/form-data; boundary="
                + Api.BOUNDARY, Api.multipart("examinationId", twice, "other.png", HeadPhantom.png(256, false)), key);
        assertEquals(422, reused.statusCode(), "the key sent with another image: " + reused.body());
        // two copies at once: one stores. A bare image (nothing orders the two: the loser's key is refused by the
        // database, 409) on node1, then on node2; then a patient's image through HAProxy (each copy starts an
        // examination and the audit chain's head orders them: the second finds the first's key, its examination
        // is not kept)
        ExecutorService twoClients = Executors.newFixedThreadPool(2); // the common pool runs one task on 2 cores
        for (int round = 0; round < 3; round++) {
            URI server = round < 2 ? cluster.node(round + 1) : entry;
            String atOnce = UUID.randomUUID().toString();
            byte[] image = HeadPhantom.png(256, round % 2 == 0);
            byte[] upload = round < 2 ? Api.multipart(null, null, "slice.png", image)
                    : Api.multipart("patientId", "MRN-CK0002", "slice.png", image);
            List<CompletableFuture<HttpResponse<String>>> copies = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++) {
                copies.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return send(server, clinician, "POST", "/api/v1/predictions", "multipart/form-data;"
                                + " boundary=" + Api.BOUNDARY, upload, atOnce);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, twoClients));
            }
            Set<String> stored = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> copy : copies) {
                HttpResponse<String> answer = copy.join();
                assertTrue(answer.statusCode() == 201 || answer.statusCode() == 409, "a copy sent at once: "
                        + answer.statusCode() + " " + answer.body());
                if (answer.statusCode() == 201) {
                    stored.add(json(answer.body()).getString("id"));
                }
                concurrentCopies.merge(answer.statusCode(), 1, Integer::sum);
            }
            HttpResponse<String> again = send(clinician, "POST", "/api/v1/predictions", "multipart/form-data; boundary="
                    + Api.BOUNDARY, upload, atOnce);
            assertEquals(201, again.statusCode(), again.body());
            stored.add(json(again.body()).getString("id"));
            assertEquals(1, stored.size(), "one prediction for the key, whichever copy stored it: " + stored);
        }
        twoClients.shutdown();
        long examinationsOfThePatient = Json.createReader(new StringReader(get("/api/v1/worklist", clinician).body()))
                .readArray().getValuesAs(JsonObject.class).stream()
                .filter(e -> "MRN-CK0002".equals(e.getString("patientId", null))).count();
        assertEquals(1, examinationsOfThePatient, "the patient's two copies at once made one examination");

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
        table.add("auditor1 disabled through node2: its session on node3 ended " + refusedAfter.toMillis() + " ms later");
        table.add("an upload's two copies sent at once with one Idempotency-Key, 3 times: answers by status "
                + concurrentCopies + " (one prediction stored each time)");
        Instant loadStart = Instant.now();
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        int beforeKill = completed.get();

        // the browser's comment is typed; its node dies; the click that signs goes to a node that never saw the page
        browser.findElement(By.cssSelector("label[for='reviewForm:agrees:1']")).click();
        browser.findElement(By.id("reviewForm:comment")).sendKeys("Signed across a node failure.");
        long killedPid = cluster.pid(browserNode).orElseThrow();
        Instant killedAt = Instant.now();
        ProcessHandle.of(killedPid).orElseThrow().destroyForcibly(); // SIGKILL
        table.add("killed " + browserNode + " (pid " + killedPid + ", the browser's node) after " + beforeKill
                + " examinations");
        String reRequests = signInBrowser();
        assertFalse(browser.getCurrentUrl().contains("login.xhtml"), "the browser had to sign in again: "
                + browser.getCurrentUrl());
        String newNode = browser.manage().getCookieNamed("STROKESCAN_NODE").getValue();
        table.add("browser: signed on " + newNode + " without signing in again (" + reRequests + "), "
                + Duration.between(killedAt, Instant.now()).toMillis() + " ms after the kill");

        Thread.sleep(LOAD_AFTER_KILL.toMillis());
        int afterKill = completed.get();

        // a fourth node joins under load; HAProxy's spare slot takes it once /health/ready says UP
        Instant joinStart = Instant.now();
        cluster.startNode(4);
        cluster.awaitNode(4, 3);
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
        // a report the killed node had sent but not yet noted as sent goes again (the same bundle: the EHR writes no
        // new version for it); one it had sent before a newer one superseded it is an extra, older version
        for (Outcome outcome : outcomes) {
            List<DiagnosticReport> reports = ehr.find(DiagnosticReport.class, DeliveryIT.EXAMINATION_SYSTEM,
                    outcome.examinationId());
            assertEquals(1, reports.size(), "one report in the EHR for " + outcome.examinationId());
            assertEquals(DiagnosticReport.DiagnosticReportStatus.FINAL, reports.getFirst().getStatus());
            int versions = Integer.parseInt(reports.getFirst().getMeta().getVersionId());
            long sentOfIt = sentPerExamination.getOrDefault(outcome.examinationId(), 0L);
            assertTrue(versions >= sentOfIt && versions <= 2, "a preliminary and a final version at most, each once: "
                    + outcome.examinationId() + " has " + versions + " versions, " + sentOfIt + " messages sent");
        }

        // what one chain across the nodes cost: the wait for its head, per append, on the nodes still running
        List<String> headWaits = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            double sum = cluster.metric(i, "strokescan_audit_head_wait_seconds_sum");
            double count = cluster.metric(i, "strokescan_audit_head_wait_seconds_count");
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
        table.add("| examinations before the kill (3 nodes, " + LOAD_BEFORE_KILL.toSeconds() + " s, the first requests"
                + " of each node warm it up) / in the " + LOAD_AFTER_KILL.toSeconds() + " s after it (2 nodes) | "
                + beforeKill + " / " + (afterKill - beforeKill) + " |");
        table.add("| examinations with a request retried after meeting a dead node | " + retried + " |");
        table.add("| uploads answered 201 and readable afterwards | " + outcomes.size() + " of " + outcomes.size() + " |");
        table.add("| examinations stored twice | 0 |");
        table.add("| reports in the EHR: one per examination, final, no version twice | " + outcomes.size() + " of "
                + outcomes.size() + " |");
        table.add("| resends the EHR received with unchanged content (no new version) | " + ehr.unchangedUpdates() + " |");
        table.add("| requests served, by node | " + new java.util.TreeMap<>(servedBy) + " |");
        table.add("| audit head wait, mean per record | " + String.join("; ", headWaits) + " |");
        table.add("| audit-verify | " + verified + " |");
        Files.createDirectories(REPORT.getParent());
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
     * Signs the open examination. The click that met the dead node is answered with an error (HAProxy never sends a
     * POST twice), so the browser sends the same form again — its view state, the form's CSRF token, made by the dead
     * node — which another node must take; only if that fails is the page opened again and signed there.
     *
     * @return how it went: the re-requests it took and of which kind
     */
    private String signInBrowser() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(WebDriverException.class);
        browser.findElement(By.id("reviewForm:sign")).click();
        List<String> reRequests = new ArrayList<>();
        while (true) {
            try {
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-state"), "Signed"));
                return reRequests.isEmpty() ? "no re-request" : String.join(", then ", reRequests);
            } catch (org.openqa.selenium.TimeoutException notYet) {
                if (reRequests.size() == 3) {
                    throw notYet;
                }
                if (reRequests.isEmpty() && !browser.findElements(By.id("reviewForm:sign")).isEmpty()) {
                    reRequests.add("the same form sent again");
                } else {
                    reRequests.add("the page opened again");
                    browser.navigate().refresh();
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-state")));
                    if (browser.findElements(By.id("reviewForm:sign")).isEmpty()) {
                        continue; // signed by a request whose answer was lost
                    }
                    browser.findElement(By.cssSelector("label[for='reviewForm:agrees:1']")).click();
                }
                browser.findElement(By.id("reviewForm:sign")).click();
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

    private String auditVerify() throws Exception {
        ProcessBuilder cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/strokescan-cli.jar", "audit-verify").redirectErrorStream(true);
        cli.environment().put("STROKESCAN_DB_URL", cluster.database().url());
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
        return send(entry, user, method, path, type, body, idempotencyKey);
    }

    private HttpResponse<String> send(URI server, SeededAccounts.Credentials user, String method, String path,
                                      String type, byte[] body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(60))
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

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
