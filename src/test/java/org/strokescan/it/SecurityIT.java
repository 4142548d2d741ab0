package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * The built WAR on a real Payara Micro: login, lockout, hostile input, headers, and the authorization
 * matrix of every URL folder and every boundary method for anonymous, clinician, auditor and admin.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final String LOGIN_FAILED = "Sign-in failed. Check your username and password.";
    private static final List<String> ROLES = List.of("anonymous", "clinician1", "auditor1", "admin");
    /** A record's line in the PDF's text: its sequence number, then its time as exported. */
    private static final Pattern RECORD_LINE = Pattern.compile("^\\s*\\d+\\s+\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"))
                .addClass(BoundaryProbe.class);
    }

    private FacesClient client() {
        return new FacesClient(URI.create(base.toString()));
    }

    private FacesClient signedIn(String username) {
        FacesClient client = client();
        if (!username.equals("anonymous")) {
            HttpResponse<String> response = client.login(username, SeededAccounts.get(username).password());
            assertEquals(302, response.statusCode(), () -> username + " could not sign in");
            assertFalse(FacesClient.location(response).contains("/login.xhtml"), () -> username + " could not sign in");
        }
        return client;
    }

    /** What a user would see: a page (200/403/404), or a redirect to the login page or elsewhere. */
    private static String outcome(HttpResponse<String> response) {
        if (response.statusCode() == 302) {
            return FacesClient.location(response).contains("/login.xhtml") ? "login" : "redirect";
        }
        return String.valueOf(response.statusCode());
    }

    record UrlRule(String path, String anonymous, String clinician, String auditor, String admin) {
        String expectedFor(int roleIndex) {
            return List.of(anonymous, clinician, auditor, admin).get(roleIndex);
        }
    }

    @Test
    void urlAuthorizationMatrix() {
        List<UrlRule> matrix = List.of(
                new UrlRule("/login.xhtml", "200", "200", "200", "200"),
                new UrlRule("/", "login", "redirect", "redirect", "redirect"),
                new UrlRule("/index.xhtml", "login", "redirect", "redirect", "redirect"),
                new UrlRule("/clinician/index.xhtml", "login", "200", "403", "403"),
                new UrlRule("/clinician/examination.xhtml", "login", "200", "403", "403"),
                new UrlRule("/clinician/history.xhtml", "login", "200", "403", "403"),
                new UrlRule("/clinician/worklist.xhtml", "login", "200", "403", "403"),
                new UrlRule("/clinician/slices/00000000-0000-0000-0000-000000000000/image", "login", "404", "403", "403"),
                new UrlRule("/auditor/index.xhtml", "login", "403", "200", "403"),
                new UrlRule("/auditor/events.xhtml", "login", "403", "200", "403"),
                new UrlRule("/auditor/examination.xhtml", "login", "403", "200", "403"),
                new UrlRule("/auditor/slices/00000000-0000-0000-0000-000000000000/image", "login", "403", "404", "403"),
                new UrlRule("/admin/users.xhtml", "login", "403", "403", "200"),
                new UrlRule("/admin/deliveries.xhtml", "login", "403", "403", "200"),
                new UrlRule("/auditor/models.xhtml", "login", "403", "200", "403"),
                new UrlRule("/admin/models.xhtml", "login", "403", "403", "200"),
                new UrlRule("/monitoring/drift.xhtml", "login", "403", "200", "200"),
                new UrlRule("/account/password.xhtml", "login", "200", "200", "200"),
                new UrlRule("/model.xhtml", "login", "200", "200", "200"),
                // a card's link from the EHR (here without a token): sign-in first, then a page saying it opens nothing
                new UrlRule("/launch.xhtml", "login", "200", "200", "200"),
                new UrlRule("/no-such-page.xhtml", "login", "404", "404", "404"),
                new UrlRule("/it/boundary-probe", "200", "200", "200", "200"));
        List<Executable> checks = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-64s %-10s %-10s %-10s %-10s%n", "URL", "anonymous",
                "CLINICIAN", "AUDITOR", "ADMIN"));
        Map<String, String> actualRows = new LinkedHashMap<>();
        for (int role = 0; role < ROLES.size(); role++) {
            FacesClient client = signedIn(ROLES.get(role));
            for (UrlRule rule : matrix) {
                String actual = outcome(client.get(rule.path()));
                String expected = rule.expectedFor(role);
                actualRows.merge(rule.path(), cell(expected, actual), (a, b) -> a + " " + b);
                String who = ROLES.get(role);
                checks.add(() -> assertEquals(expected, actual, who + " GET " + rule.path()));
            }
        }
        actualRows.forEach((path, cells) -> table.append(String.format("%-64s %s%n", path, cells)));
        System.out.println("URL authorization matrix (expected/actual):\n" + table);
        assertAll(checks);
    }

    @Test
    void apiAuthorizationMatrix() {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        // anonymous (no credentials), CLINICIAN, AUDITOR, ADMIN; the checkpoints' key is not configured here: 404
        List<UrlRule> matrix = List.of(
                new UrlRule("/api/v1/me", "401", "200", "200", "200"),
                new UrlRule("/api/v1/audit-events?from=" + today + "&to=" + today, "401", "403", "200", "403"),
                new UrlRule("/api/v1/audit/checkpoints", "401", "403", "200", "403"),
                new UrlRule("/api/v1/audit/checkpoints/public-key", "401", "403", "404", "403"),
                new UrlRule("/api/v1/deliveries", "401", "403", "403", "200"),
                new UrlRule("/api/v1/monitoring/drift", "401", "403", "200", "200"),
                new UrlRule("/api/v1/predictions/00000000-0000-0000-0000-000000000000/heatmap", "401", "404", "403", "403"));
        List<Executable> checks = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (UrlRule rule : matrix) {
            StringBuilder row = new StringBuilder(String.format("%-64s", rule.path()));
            for (int role = 0; role < ROLES.size(); role++) {
                String who = ROLES.get(role);
                FacesClient api = client();
                HttpResponse<String> response = who.equals("anonymous") ? api.get(rule.path())
                        : api.getWithBasic(rule.path(), who, SeededAccounts.get(who).password());
                String actual = String.valueOf(response.statusCode());
                String expected = rule.expectedFor(role);
                row.append(' ').append(String.format("%-10s", cell(expected, actual)));
                checks.add(() -> assertEquals(expected, actual, who + " GET " + rule.path()));
            }
            table.append(row).append('\n');
        }
        System.out.println("API authorization matrix (expected/actual; anonymous, CLINICIAN, AUDITOR, ADMIN):\n" + table);
        assertAll(checks);
    }

    /** The drift report's JSON as integrators read it: the window and metrics with name, value, threshold, alarm. */
    @Test
    void theDriftReportHasItsWindowAndMetrics() {
        for (String who : List.of("auditor1", "admin")) {
            HttpResponse<String> response = client().getWithBasic("/api/v1/monitoring/drift?days=3", who,
                    SeededAccounts.get(who).password());
            assertEquals(200, response.statusCode(), who + ": " + response.body());
            JsonObject report = Json.createReader(new StringReader(response.body()))
                    .readObject();
            assertEquals(3, report.getInt("days"));
            assertEquals(ActiveModel.ID, report.getString("model"));
            assertTrue(java.time.Instant.parse(report.getString("from"))
                    .isBefore(java.time.Instant.parse(report.getString("to"))), report.toString());
            assertTrue(report.getString("reference").contains("out-of-fold"), "the card's reference is named");
            jakarta.json.JsonArray metrics = report.getJsonArray("metrics");
            assertEquals(10, metrics.size(), metrics.toString());
            for (JsonObject metric : metrics.getValuesAs(JsonObject.class)) {
                assertFalse(metric.getString("name").isBlank());
                assertTrue(metric.containsKey("value"), metric.toString());
                assertEquals(jakarta.json.JsonValue.ValueType.NUMBER, metric.get("threshold").getValueType());
                assertTrue(metric.get("alarm").getValueType() == jakarta.json.JsonValue.ValueType.TRUE
                        || metric.get("alarm").getValueType() == jakarta.json.JsonValue.ValueType.FALSE);
            }
            assertTrue(report.containsKey("alarm"));
        }
        for (String days : List.of("0", "367", "a%20week")) {
            assertEquals(400, client().getWithBasic("/api/v1/monitoring/drift?days=" + days, "auditor1",
                    SeededAccounts.get("auditor1").password()).statusCode(), "days=" + days);
        }
    }

    @Test
    void aTrustedProxysForwardedHttpsMakesTheSessionCookieSecureAndSendsHsts() throws Exception {
        // this machine is a trusted proxy in the failsafe configuration, as the cluster's HAProxy is
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        URI login = URI.create(base.toString()).resolve("login.xhtml");
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(login).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forwarded = http.send(HttpRequest.newBuilder(login).header("X-Forwarded-Proto", "https")
                .build(), HttpResponse.BodyHandlers.ofString());
        String plainCookie = plain.headers().firstValue("Set-Cookie").orElse("");
        String forwardedCookie = forwarded.headers().firstValue("Set-Cookie").orElse("");
        assertAll(
                () -> assertTrue(plainCookie.startsWith("JSESSIONID=") && !plainCookie.contains("Secure"), plainCookie),
                () -> assertFalse(plain.headers().firstValue("Strict-Transport-Security").isPresent(), "plain HTTP"),
                () -> assertEquals(200, forwarded.statusCode()),
                () -> assertTrue(forwardedCookie.contains("; Secure"), "the client spoke HTTPS to the proxy: " + forwardedCookie),
                () -> assertEquals("max-age=31536000",
                        forwarded.headers().firstValue("Strict-Transport-Security").orElse("")));
    }

    @Test
    void boundaryAuthorizationMatrix() {
        String[] methods = {"Accounts.authenticate", "Accounts.sessionState", "Accounts.mustChangePassword",
                "Accounts.changeOwnPassword",
                "Accounts.list", "Accounts.create", "Accounts.setEnabled", "Accounts.assignRoles",
                "Accounts.resetPassword", "Accounts.unlock", "Accounts.signInAlert", "SignInGuard.recentAlert",
                "LoginAttempts.record", "AuditTrail.verify",
                "AuditTrail.search", "AuditTrail.count", "CallerResource.me", "Classifier.classify", "Predictions.find",
                "Predictions.heatmap", "Predictions.image", "PredictionHistory.count", "Examinations.start",
                "Examinations.addSlice", "Examinations.open", "Examinations.sign", "Examinations.amend",
                "Examinations.search", "Examinations.count", "Deliveries.search", "Deliveries.count",
                "Deliveries.retry", "Deliveries.cancel", "ReportStates.latest", "ReportStates.latestOfAny",
                "PredictionHistory.examination", "PredictionHistory.image", "PredictionHistory.statistics",
                "DriftWatch.current", "DriftWatch.alarmRaised", "DriftWatch.history", "ModelOperations.models",
                "ModelOperations.activations", "ModelOperations.setShadow", "ModelOperations.requestPromotion",
                "ModelOperations.approve", "Worklist.entries", "DepartmentStudies.arrive", "DicomReceiver.store",
                "ModelOperations.compare"};
        // anonymous, CLINICIAN, AUDITOR, ADMIN
        String[][] expected = {
                {"ALLOWED", "ALLOWED", "ALLOWED", "ALLOWED"},
                // the session check runs before the container knows the caller
                {"ALLOWED", "ALLOWED", "ALLOWED", "ALLOWED"},
                {"DENIED", "ALLOWED", "ALLOWED", "ALLOWED"},
                {"DENIED", "ALLOWED", "ALLOWED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                // called by Accounts.authenticate before anyone is signed in; records only what it decided
                {"ALLOWED", "ALLOWED", "ALLOWED", "ALLOWED"},
                {"DENIED", "DENIED", "ALLOWED", "ALLOWED"},
                {"DENIED", "DENIED", "ALLOWED", "DENIED"},
                {"DENIED", "DENIED", "ALLOWED", "DENIED"},
                {"DENIED", "ALLOWED", "ALLOWED", "ALLOWED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "DENIED", "ALLOWED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "DENIED", "ALLOWED", "DENIED"},
                {"DENIED", "DENIED", "ALLOWED", "DENIED"},
                {"DENIED", "DENIED", "ALLOWED", "DENIED"},
                {"DENIED", "DENIED", "ALLOWED", "DENIED"},
                // the drift watch: auditors and administrators; whether it alarms, anyone (the banner, error pages)
                {"DENIED", "DENIED", "ALLOWED", "ALLOWED"},
                {"ALLOWED", "ALLOWED", "ALLOWED", "ALLOWED"},
                {"DENIED", "DENIED", "ALLOWED", "ALLOWED"},
                // model operations: auditors read, administrators change, everyone sees the activations
                {"DENIED", "DENIED", "ALLOWED", "ALLOWED"},
                {"DENIED", "ALLOWED", "ALLOWED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                {"DENIED", "DENIED", "DENIED", "ALLOWED"},
                // the worklist: clinicians; what only a sending system (INTEGRATION) may do: no page role
                {"DENIED", "ALLOWED", "DENIED", "DENIED"},
                {"DENIED", "DENIED", "DENIED", "DENIED"},
                {"DENIED", "DENIED", "DENIED", "DENIED"},
                {"DENIED", "DENIED", "ALLOWED", "ALLOWED"}};
        List<Executable> checks = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-28s %-17s %-17s %-17s %-17s%n", "EJB method",
                "anonymous", "CLINICIAN", "AUDITOR", "ADMIN"));
        List<Map<String, String>> reports = new ArrayList<>();
        for (String role : ROLES) {
            HttpResponse<String> response = signedIn(role).get("/it/boundary-probe");
            assertEquals(200, response.statusCode(), role + ": probe not reachable");
            Map<String, String> report = new LinkedHashMap<>();
            response.body().lines().map(line -> line.split("=")).forEach(kv -> report.put(kv[0], kv[1]));
            reports.add(report);
        }
        for (int m = 0; m < methods.length; m++) {
            String method = methods[m];
            StringBuilder row = new StringBuilder(String.format("%-28s", method));
            for (int role = 0; role < ROLES.size(); role++) {
                String actual = reports.get(role).get(method);
                String want = expected[m][role];
                row.append(' ').append(String.format("%-17s", cell(want, actual)));
                String who = ROLES.get(role);
                checks.add(() -> assertEquals(want, actual, who + " calling " + method));
            }
            table.append(row).append('\n');
        }
        System.out.println("EJB boundary authorization matrix (expected/actual):\n" + table);
        assertAll(checks);
    }

    private static String cell(String expected, String actual) {
        return expected.equals(actual) ? actual : expected + "/" + actual + "!";
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        FacesClient first = client();
        FacesClient second = client();
        HttpResponse<String> unknown = first.login("nobody-by-this-name", "some password 123");
        HttpResponse<String> wrong = second.login("auditor1", "wrong password 123");
        assertEquals(FacesClient.location(unknown), FacesClient.location(wrong));
        assertEquals(shownError(first, unknown), shownError(second, wrong));
        assertTrue(shownError(second, wrong).startsWith(LOGIN_FAILED), shownError(second, wrong));
        assertEquals("login", outcome(second.get("/auditor/index.xhtml")), "a failed sign-in grants nothing");
    }

    @Test
    void failuresFromOneAddressWaitLongerEachTimeWhileTheOwnerElsewhereSignsIn() {
        // an account of its own: the seeded ones stay usable for the other test classes of this run
        String username = "dr.slowed-" + System.nanoTime() % 100_000;
        FacesClient admin = signedIn("admin");
        String password = AdminPage.createAccount(admin, username, "CLINICIAN");
        String attacker = "203.0.113.41";
        int checked = 0;
        String waitMessage = null;
        for (int i = 0; i < 12 && waitMessage == null; i++) {
            FacesClient client = new FacesClient(URI.create(base.toString()), attacker);
            HttpResponse<String> response = client.login(username, "wrong password " + i);
            if (FacesClient.location(response).contains("wait=")) {
                waitMessage = shownError(client, response);
            } else {
                assertTrue(shownError(client, response).startsWith(LOGIN_FAILED), "attempt " + i);
                checked++;
            }
        }
        assertTrue(checked >= 5, "five failures are checked before any wait, got " + checked);
        assertTrue(waitMessage != null && waitMessage.matches("Too many failed sign-ins .* Try again in \\d+ seconds\\."),
                "after five failures an attempt from there must wait, and is told how long: " + waitMessage);

        FacesClient owner = new FacesClient(URI.create(base.toString()), "198.51.100.41");
        HttpResponse<String> signedIn = owner.login(username, password);
        assertEquals(302, signedIn.statusCode());
        assertFalse(FacesClient.location(signedIn).contains("/login.xhtml"),
                "the owner signing in from elsewhere is not locked out: " + FacesClient.location(signedIn));

        var events = AuditApi.recent(URI.create(base.toString()));
        assertEquals(checked, AuditApi.about(events, username, "LOGIN_FAILED").size(),
                "every checked failure recorded, the refused attempts not one by one");
        var slowed = AuditApi.about(events, username, "SIGN_IN_SLOWED");
        assertEquals(1, slowed.size(), "slowed once");
        assertEquals(attacker, slowed.get(0).getAgentFirstRep().getNetwork().getAddress(),
                "the address the trusted proxy named");

        AdminPage.assertShows(AdminPage.pressRowButton(admin, username, "Lift sign-in waits"), username);
        FacesClient afterLift = new FacesClient(URI.create(base.toString()), attacker);
        assertFalse(FacesClient.location(afterLift.login(username, password)).contains("/login.xhtml"),
                "the administrator lifted the wait: the right password from there is checked again");
    }

    @Test
    void concurrentFailedLoginsOnOneAccountNeverFailTheServer() throws Exception {
        String username = "dr.parallel-" + System.nanoTime() % 100_000;
        String password = AdminPage.createAccount(signedIn("admin"), username, "CLINICIAN");
        String attacker = "203.0.113.42";
        List<java.util.concurrent.Callable<HttpResponse<String>>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String wrong = "wrong password " + i;
            attempts.add(() -> new FacesClient(URI.create(base.toString()), attacker).login(username, wrong));
        }
        int failed = 0;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (var result : pool.invokeAll(attempts)) {
                HttpResponse<String> response = result.get();
                assertEquals(302, response.statusCode(), "no server error under parallel attempts");
                String location = FacesClient.location(response);
                assertTrue(location.contains("failed=true") || location.contains("wait="), location);
                failed += location.contains("failed=true") ? 1 : 0;
            }
        }
        var events = AuditApi.recent(URI.create(base.toString()));
        assertEquals(failed, AuditApi.about(events, username, "LOGIN_FAILED").size(), "every checked failure counted");
        assertEquals(failed >= 5 ? 1 : 0, AuditApi.about(events, username, "SIGN_IN_SLOWED").size(), "slowed once");
        FacesClient owner = new FacesClient(URI.create(base.toString()), "198.51.100.42");
        assertFalse(FacesClient.location(owner.login(username, password)).contains("/login.xhtml"),
                "the owner elsewhere signs in");
    }

    @Test
    void hostileLoginInputGetsAClearMessageAndNoServerError() {
        Map<String, String[]> inputs = Map.of(
                "10,000 characters", new String[] {"a".repeat(10_000), "b".repeat(10_000)},
                "SQL", new String[] {"admin' OR '1'='1' --", "' OR 1=1; DROP TABLE account; --"},
                "HTML", new String[] {"<script>alert('x')</script>", "<img src=x onerror=alert(1)>"},
                "empty", new String[] {"", ""});
        List<Executable> checks = new ArrayList<>();
        inputs.forEach((kind, credentials) -> {
            FacesClient client = client();
            HttpResponse<String> response = client.login(credentials[0], credentials[1]);
            HttpResponse<String> shown = response.statusCode() == 302 ? client.get(FacesClient.location(response)) : response;
            checks.add(() -> assertEquals(200, shown.statusCode(), kind));
            checks.add(() -> assertFalse(shownError(client, response).isBlank(), kind + ": no message shown"));
            checks.add(() -> assertFalse(shown.body().contains("<script>alert"), kind + ": input echoed unescaped"));
            checks.add(() -> assertFalse(leaksInternals(shown), kind + ": internals leaked"));
            checks.add(() -> assertEquals("login", outcome(client.get("/admin/users.xhtml")), kind + ": signed in"));
        });
        assertAll(checks);
        assertEquals(302, client().login("admin", SeededAccounts.get("admin").password()).statusCode(),
                "the admin account still works after the SQL attempts");
    }

    @Test
    void hostileUserFormInputIsRefusedAndNothingIsStored() {
        FacesClient admin = signedIn("admin");
        String usersBefore = Jsoup.parse(admin.get("/admin/users.xhtml").body()).select("#users\\:table .username").text();
        record Attempt(String kind, String username, String displayName, String expectedMessage) {
        }
        List<Attempt> attempts = List.of(
                new Attempt("10,000-character username", "u".repeat(10_000), "Name", "The username must have"),
                new Attempt("10,000-character name", "long.name.user", "n".repeat(10_000), "The name must have"),
                new Attempt("SQL in username", "x'; drop table account;--", "Name", "The username must have"),
                new Attempt("HTML in username", "<script>alert(1)</script>", "Name", "The username must have"),
                new Attempt("empty", "", "", "Enter a username."));
        List<Executable> checks = new ArrayList<>();
        for (Attempt attempt : attempts) {
            HttpResponse<String> response = admin.submit("/admin/users.xhtml", "create", "submit",
                    Map.of("username", attempt.username(), "displayName", attempt.displayName(), "roles", "CLINICIAN"));
            String shown = Jsoup.parse(response.body()).select(".ui-messages-error-summary, .ui-message-error-detail").text();
            checks.add(() -> assertEquals(200, response.statusCode(), attempt.kind()));
            checks.add(() -> assertTrue(shown.contains(attempt.expectedMessage()), attempt.kind() + ": " + shown));
            checks.add(() -> assertFalse(leaksInternals(response), attempt.kind()));
        }
        assertAll(checks);
        String usersAfter = Jsoup.parse(admin.get("/admin/users.xhtml").body()).select("#users\\:table .username").text();
        assertTrue(List.of(usersAfter.split(" ")).containsAll(List.of("admin", "auditor1", "clinician1", "clinician2")),
                "the account table is intact: " + usersAfter);
        assertEquals(usersBefore, usersAfter, "no account was created by the refused attempts");
    }

    @Test
    void loginRotatesTheSessionAndLogoutEndsIt() {
        FacesClient client = client();
        String before = client.get("/login.xhtml").headers().firstValue("Set-Cookie").orElse("");
        HttpResponse<String> login = client.login("auditor1", SeededAccounts.get("auditor1").password());
        String after = login.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(after.startsWith("JSESSIONID="), "a new session cookie after login: " + after);
        assertNotEquals(before.split(";")[0], after.split(";")[0]);
        assertEquals("200", outcome(client.get("/auditor/index.xhtml")));

        HttpResponse<String> logout = client.submit("/auditor/index.xhtml", "session", "signOut", Map.of());
        assertTrue(FacesClient.location(logout).contains("/login.xhtml?signedOut=true"), FacesClient.location(logout));
        assertEquals("login", outcome(client.get("/auditor/index.xhtml")));
    }

    @Test
    void anOwnPasswordChangeEndsTheOtherSessionsAndAResetEndsEveryOne() {
        String username = "dr.sessions-" + System.nanoTime() % 100_000;
        FacesClient admin = signedIn("admin");
        String temporary = AdminPage.createAccount(admin, username, "CLINICIAN");
        FacesClient laptop = client();
        FacesClient ward = client();
        assertEquals(302, laptop.login(username, temporary).statusCode());
        assertEquals(302, ward.login(username, temporary).statusCode());
        String chosen = "Granite-Meadow-Lantern-" + System.nanoTime() % 1000;
        HttpResponse<String> changed = laptop.submit("/account/password.xhtml", "password", "submit",
                Map.of("current", temporary, "new", chosen, "confirm", chosen));
        assertEquals(302, changed.statusCode(), changed.body());
        assertEquals("200", outcome(laptop.get("/clinician/history.xhtml")), "the session that changed it goes on");
        HttpResponse<String> other = ward.get("/clinician/history.xhtml");
        assertEquals("login", outcome(other), "the other session ended");
        assertTrue(FacesClient.location(other).contains("ended=true"), FacesClient.location(other));
        assertTrue(Jsoup.parse(ward.get(FacesClient.location(other)).body()).text().contains("Your session has ended"));

        AdminPage.assertShows(AdminPage.pressRowButton(admin, username, "Reset password"), "Password of " + username + " reset.");
        assertEquals("login", outcome(laptop.get("/clinician/history.xhtml")), "a reset ends it at the next request");
        assertEquals("login", outcome(laptop.get("/clinician/history.xhtml")), "and it stays ended");

        var ended = AuditApi.about(AuditApi.recent(URI.create(base.toString())), username, "SESSION_ENDED");
        assertEquals(2, ended.size(), "each ended session recorded once");
        assertTrue(ended.stream().allMatch(e -> username.equals(AuditApi.actor(e))), "in the name of the session's user");
        assertTrue(ended.stream().allMatch(e -> "password changed or reset".equals(e.getEntityFirstRep().getDescription())),
                ended.stream().map(e -> e.getEntityFirstRep().getDescription()).toList().toString());
    }

    @Test
    void aStaleOrForgedFormLeadsToTheExpiredPageNotAnError() {
        FacesClient client = signedIn("admin");
        client.get("/admin/users.xhtml");
        HttpResponse<String> forged = client.post("/admin/users.xhtml", Map.of("create", "create",
                "create:username", "forged.user", "create:displayName", "Forged", "create:submit", "",
                "jakarta.faces.ViewState", "-1:-1"));
        HttpResponse<String> shown = forged.statusCode() == 302 ? client.get(FacesClient.location(forged)) : forged;
        assertEquals(200, shown.statusCode(), "the page opened again, not a server error");
        assertTrue(Jsoup.parse(shown.body()).text().contains("This page had expired, so your last action on it was not"
                + " carried out."), shown.body());
        assertFalse(Jsoup.parse(client.get("/admin/users.xhtml").body()).select(".username").text().contains("forged.user"),
                "nothing was created by the forged post");
    }

    /**
     * Issue 24, item 4: a request whose session is gone (its cookie names a session that ended, as after the idle
     * timeout) is sent to the login page, which says why and returns to the page after sign-in, but never to an
     * address outside the application.
     */
    @Test
    void aRequestAfterItsSessionEndedSignsInBackToItsPageButNeverElsewhere() {
        FacesClient clinician = signedIn("clinician1");
        assertEquals(302, clinician.submit("/clinician/history.xhtml", "session", "signOut", Map.of()).statusCode());
        String back = "return=" + URLEncoder.encode("/clinician/history.xhtml", StandardCharsets.UTF_8);
        for (HttpResponse<String> lapsed : List.of(clinician.get("/clinician/history.xhtml"),
                clinician.post("/clinician/history.xhtml", Map.of("anything", "x")))) {
            assertEquals(302, lapsed.statusCode(), lapsed.body());
            String location = FacesClient.location(lapsed);
            assertTrue(location.contains("/login.xhtml?lapsed=true&" + back), location);
            assertTrue(Jsoup.parse(clinician.get(location).body()).text()
                    .contains("Your session has ended: sessions end after 15 minutes without activity"), location);
        }
        String password = SeededAccounts.get("clinician1").password();
        HttpResponse<String> signedIn = client().submit("/login.xhtml?" + back, "login", "submit",
                Map.of("username", "clinician1", "password", password));
        assertTrue(FacesClient.location(signedIn).endsWith("/clinician/history.xhtml"), FacesClient.location(signedIn));
        for (String foreign : List.of("//evil.example/x.xhtml", "https://evil.example/", "/\\evil.example/x.xhtml",
                "/clinician/../admin/users.xhtml")) {
            HttpResponse<String> refused = client().submit("/login.xhtml?return="
                    + URLEncoder.encode(foreign, StandardCharsets.UTF_8), "login", "submit",
                    Map.of("username", "clinician1", "password", password));
            assertEquals(302, refused.statusCode());
            assertTrue(FacesClient.location(refused).endsWith("/clinician/index.xhtml"),
                    foreign + " -> " + FacesClient.location(refused));
        }
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        HttpResponse<String> page = client().get("/login.xhtml");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        String scriptSrc = directive(csp, "script-src");
        assertTrue(scriptSrc.contains("'nonce-"), csp);
        assertFalse(scriptSrc.contains("unsafe-inline"), csp);
        assertFalse(scriptSrc.contains("unsafe-eval"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        String cookie = page.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=strict"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: no Secure flag, or the browser drops the cookie");

        Function<String, String> nonPage = path -> client().get(path).headers()
                .firstValue("Content-Security-Policy").orElse("");
        assertTrue(nonPage.apply("/it/boundary-probe").contains("default-src 'none'"));
    }

    @Test
    void errorPagesAreFriendlyAndLeakNothing() {
        FacesClient clinician = signedIn("clinician1");
        HttpResponse<String> missing = clinician.get("/no-such-page.xhtml");
        HttpResponse<String> forbidden = clinician.get("/admin/users.xhtml");
        assertEquals(404, missing.statusCode());
        assertEquals("Page not found", Jsoup.parse(missing.body()).select("h1").text());
        assertEquals(403, forbidden.statusCode());
        assertEquals("Access denied", Jsoup.parse(forbidden.body()).select("h1").text());
        for (HttpResponse<String> response : List.of(missing, forbidden)) {
            assertFalse(leaksInternals(response), response.body());
        }
    }

    @Test
    void errorPagesCarryExactlyTheirOwnPolicySoTheirStylesAndScriptsLoad() {
        FacesClient clinician = signedIn("clinician1");
        Map<String, HttpResponse<String>> errors = new LinkedHashMap<>();
        errors.put("403 of a page", clinician.get("/admin/users.xhtml"));
        errors.put("404 of a page", clinician.get("/no-such-page.xhtml"));
        errors.put("404 of an image", clinician.get("/clinician/slices/00000000-0000-0000-0000-000000000000/image"));
        List<Executable> checks = new ArrayList<>();
        errors.forEach((kind, response) -> {
            List<String> policies = response.headers().allValues("Content-Security-Policy");
            checks.add(() -> assertEquals(1, policies.size(), kind + ": one policy, not " + policies));
            checks.add(() -> assertTrue(directive(policies.getLast(), "script-src").contains("'nonce-"),
                    kind + ": the page's own policy: " + policies));
            checks.add(() -> assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), kind));
            var stylesheets = Jsoup.parse(response.body()).select("link[rel=stylesheet]");
            checks.add(() -> assertFalse(stylesheets.isEmpty(), kind + ": no stylesheet linked"));
            for (var link : stylesheets) {
                HttpResponse<String> css = clinician.get(URI.create(base.toString()).resolve(link.attr("href")).toString());
                checks.add(() -> assertEquals(200, css.statusCode(), kind + ": " + link.attr("href")));
            }
        });
        assertAll(checks);
    }

    @Test
    void apiAnswersAreNeverCached() {
        FacesClient api = client();
        HttpResponse<String> me = api.getWithBasic("/api/v1/me", "clinician1", SeededAccounts.get("clinician1").password());
        assertEquals(200, me.statusCode());
        assertEquals("no-store", me.headers().firstValue("Cache-Control").orElse(""), "an answer with patient data");
        HttpResponse<String> refused = api.get("/api/v1/me");
        assertEquals(401, refused.statusCode());
        assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElse(""), "a refusal");
    }

    /** PUT, DELETE, OPTIONS and PATCH are refused on every folder, not only on those that fall to "/*". */
    @Test
    void unusedHttpMethodsAreRefusedOnEveryPath() {
        List<String> paths = List.of("/login.xhtml", "/model.xhtml", "/clinician/index.xhtml", "/clinician/history.xhtml",
                "/auditor/index.xhtml", "/admin/users.xhtml", "/account/password.xhtml", "/error/404.xhtml",
                "/resources/css/strokescan.css", "/api/v1/me");
        List<String> methods = List.of("PUT", "DELETE", "OPTIONS", "PATCH");
        List<Executable> checks = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-32s %-8s %s%n", "URL", "method", "anonymous clinician1 admin"));
        for (String path : paths) {
            for (String method : methods) {
                StringBuilder row = new StringBuilder(String.format("%-32s %-8s", path, method));
                for (String role : List.of("anonymous", "clinician1", "admin")) {
                    int status = signedIn(role).request(method, path).statusCode();
                    row.append(' ').append(status);
                    checks.add(() -> assertTrue(refused(method, status), role + " " + method + " " + path + " answered " + status));
                }
                table.append(row).append('\n');
            }
        }
        URI server = URI.create(base.toString()).resolve("/");
        for (String path : List.of("/health/ready", "/metrics")) {
            for (String method : methods) {
                int status = new FacesClient(server).request(method, path).statusCode();
                table.append(String.format("%-32s %-8s %d%n", path, method, status));
                checks.add(() -> assertTrue(refused(method, status), method + " " + path + " answered " + status));
            }
        }
        System.out.println("Unused methods (403 expected; PATCH: 400 from the HTTP listener itself):\n" + table);
        assertAll(checks);
    }

    /** 403 by the constraint, 405; PATCH never gets that far: the HTTP listener answers 400 before any filter. */
    private static boolean refused(String method, int status) {
        return status == 403 || status == 405 || method.equals("PATCH") && status == 400;
    }

    @Test
    void readinessDetailsOnlyForSignedInUsersAndProbesOnThisMachine() {
        URI server = URI.create(base.toString()).resolve("/");
        HttpResponse<String> local = new FacesClient(server).get("/health/ready");
        assertTrue(local.body().contains("\"schemaVersion\""), "a probe on this machine: " + local.body());

        HttpRequest.Builder throughProxy = HttpRequest.newBuilder(server.resolve("/health/ready"))
                .header("X-Forwarded-For", "203.0.113.9");
        HttpResponse<String> outside = send(throughProxy);
        assertEquals(local.statusCode(), outside.statusCode(), "the same status for everybody");
        assertTrue(outside.body().contains("\"name\":\"database\""), outside.body());
        // the cluster check's data too: this server has no node name given, so its host name stays with insiders
        for (String detail : List.of("schemaVersion", "checksum", "\"data\"", "error", "vendor")) {
            assertFalse(outside.body().contains(detail), detail + " shown to an anonymous caller: " + outside.body());
        }
        FacesClient admin = signedIn("admin");
        String session = admin.cookie("JSESSIONID");
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(server.resolve("/health/ready"))
                .header("X-Forwarded-For", "203.0.113.9").header("Cookie", "JSESSIONID=" + session));
        assertTrue(signedIn.body().contains("\"schemaVersion\""), "a signed-in user: " + signedIn.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Filters decide by the path the container routes on, not by what the raw request URI says. */
    @Test
    void rawPathTricksMeetTheSameRulesAsThePathTheyReach() {
        FacesClient clinician = signedIn("clinician1");
        HttpResponse<String> withParameter = clinician.get("/clinician/history.xhtml;x");
        assertEquals(200, withParameter.statusCode(), "the page itself");
        assertEquals(1, withParameter.headers().allValues("Content-Security-Policy").size(),
                withParameter.headers().allValues("Content-Security-Policy").toString());
        assertTrue(directive(withParameter.headers().firstValue("Content-Security-Policy").orElse(""), "script-src")
                .contains("'nonce-"), "the page's policy, not the one that blocks everything");
        assertEquals("no-store", withParameter.headers().firstValue("Cache-Control").orElse(""), "a page: never cached");

        // an account that must change its password reaches no other page, however the path is spelled
        String username = "dr.paths-" + System.nanoTime() % 100_000;
        String password = AdminPage.createAccount(signedIn("admin"), username, "CLINICIAN");
        FacesClient newcomer = client();
        assertEquals(302, newcomer.login(username, password).statusCode());
        for (String path : List.of("/clinician/index.xhtml", "/error/..;/clinician/index.xhtml",
                "/clinician/index.xhtml;x", "/error/x/..;/..;/clinician/index.xhtml")) {
            HttpResponse<String> response = newcomer.get(path);
            assertFalse(response.statusCode() == 200 && response.body().contains("id=\"landing\""),
                    path + " showed the clinician's page before the password change");
            if (response.statusCode() == 302) {
                String location = FacesClient.location(response);
                assertTrue(location.contains("/account/password.xhtml") || !location.contains("clinician"),
                        path + " led to " + location);
            }
        }
        // the REST API keeps HTTP Basic whatever the path says on its way there
        HttpResponse<String> api = client().getWithBasic("/clinician/..;/api/v1/me", "clinician1",
                SeededAccounts.get("clinician1").password());
        assertFalse(api.statusCode() == 302 && FacesClient.location(api).contains("/login.xhtml"),
                "the API answered with the login page");
    }

    @Test
    void securityEventsLandInTheAuditTrailWhichVerifies() {
        String intruder = "intruder-" + System.nanoTime() % 100_000;
        client().login(intruder, "guessing 123456");
        FacesClient auditor = signedIn("auditor1");

        HttpResponse<String> filtered = auditor.submit("/auditor/events.xhtml", "events", "apply",
                Map.of("subject", intruder));
        var rows = Jsoup.parse(filtered.body()).select("#events\\:table tbody tr");
        assertEquals(1, rows.size(), rows.text());
        assertTrue(rows.text().contains("Sign-in failed") && rows.text().contains("unknown user"), rows.text());
        assertTrue(rows.text().contains("Failure"), rows.text());

        String newest = Jsoup.parse(auditor.get("/auditor/events.xhtml").body()).select("#events\\:table tbody").text();
        assertTrue(newest.contains("Signed in") && newest.contains("auditor1"), "the auditor's own sign-in is there");
        String seeded = Jsoup.parse(auditor.submit("/auditor/events.xhtml", "events", "apply",
                Map.of("action_input", "ACCOUNTS_SEEDED")).body()).select("#events\\:table tbody tr").text();
        assertTrue(seeded.contains("first start") && seeded.contains("demo accounts"), "first start is recorded: " + seeded);

        HttpResponse<String> csv = auditor.submit("/auditor/events.xhtml", "events", "exportCsv", Map.of("subject", intruder));
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").contains("csv"), csv.headers().toString());
        assertTrue(csv.body().contains(intruder) && csv.body().contains("LOGIN_FAILED"), csv.body());
        String exports = Jsoup.parse(auditor.submit("/auditor/events.xhtml", "events", "apply",
                Map.of("action_input", "AUDIT_EXPORTED")).body()).select("#events\\:table tbody tr").text();
        assertTrue(exports.contains("CSV rows=1") && exports.contains("subject=" + intruder), "the export is audited: " + exports);

        HttpResponse<String> pdf = auditor.submit("/auditor/events.xhtml", "events", "exportPdf", Map.of("subject", intruder));
        assertTrue(pdf.headers().firstValue("Content-Type").orElse("").contains("pdf"), pdf.headers().toString());
        assertTrue(pdf.body().startsWith("%PDF"), "a PDF document");

        HttpResponse<String> fhirFile = auditor.submit("/auditor/events.xhtml", "events", "exportFhir", Map.of());
        assertTrue(fhirFile.headers().firstValue("Content-Type").orElse("").contains("fhir+ndjson"));
        assertTrue(fhirFile.body().lines().allMatch(line -> line.startsWith("{\"resourceType\":\"AuditEvent\"")));
        assertTrue(fhirFile.body().contains(intruder), "the failed sign-in is in the FHIR export");

        HttpResponse<String> verified = auditor.submit("/auditor/events.xhtml", "events", "verify", Map.of());
        String message = Jsoup.parse(verified.body()).select(".ui-messages-info-summary").text();
        assertTrue(message.matches("Audit trail intact: [\\d,.]+ records verified\\."), message);
    }

    /**
     * Issue 24, item 8: the audit trail as PDF is read as printed (Debian's poppler-utils). 90 records of one kind,
     * each a refused page request by the auditor with its own path, take few landscape pages of one line per record,
     * with no word broken across lines, under a title that says what, by whom and with which filter. The portrait
     * default put about four records on a page and broke "ACCESS_DENIED" and the paths inside the word.
     */
    @Test
    void theAuditTrailAsPdfIsLandscapeWithWholeWordsAndManyRecordsAPage() throws Exception {
        RenderedPdf.assumePoppler();
        FacesClient auditor = signedIn("auditor1");
        String probe = "pdf" + System.nanoTime() % 100_000;
        int records = 90;
        for (int i = 0; i < records; i++) {
            assertEquals(403, auditor.get("/admin/" + probe + "/r" + i).statusCode());
        }

        HttpResponse<byte[]> export = auditor.download("/auditor/events.xhtml", "events", "exportPdf",
                Map.of("subject", probe));
        assertTrue(export.headers().firstValue("Content-Type").orElse("").contains("pdf"), export.headers().toString());
        RenderedPdf pdf = RenderedPdf.of(export.body());
        String text = pdf.text();
        System.out.println("the audit PDF: " + pdf.pageCount() + " pages of " + pdf.width() + " x " + pdf.height()
                + " pt, records per page " + pdf.rowsPerPage(RECORD_LINE));

        assertTrue(pdf.landscape(), "landscape: " + pdf.width() + " x " + pdf.height());
        List<Long> perPage = pdf.rowsPerPage(RECORD_LINE);
        assertEquals(records, perPage.stream().mapToLong(Long::longValue).sum(),
                "one line per record, starting with its number and time:\n" + text);
        assertEquals(pdf.pageCount(), perPage.size());
        for (int page = 0; page < perPage.size() - 1; page++) {
            assertTrue(perPage.get(page) >= 20, "page " + (page + 1) + " holds " + perPage.get(page) + " records");
        }
        assertEquals((int) Math.ceil(records / (double) perPage.getFirst()), pdf.pageCount(),
                "pages = records / records on a page, rounded up: " + perPage);

        Map<String, Long> words = pdf.words();
        for (int i = 0; i < records; i++) {
            assertEquals(1, words.getOrDefault("/admin/" + probe + "/r" + i, 0L), "the path of record " + i + " whole");
        }
        for (String word : List.of("(AUDITOR)", "ACCESS_DENIED", "FAILURE", "GET", "refused:", "HTTP")) {
            assertEquals(records, words.getOrDefault(word, 0L), "\"" + word + "\" whole in every record");
        }
        assertTrue(text.contains("StrokeScan audit trail · records: " + records), text.lines().limit(3).toList().toString());
        assertTrue(text.contains("Exported by auditor1 on ") && text.contains("Filter: subject=" + probe),
                text.lines().limit(3).toList().toString());
    }

    @Test
    void theRestApiUsesHttpBasicWithTheSameAccounts() {
        FacesClient anonymous = client();
        HttpResponse<String> challenge = anonymous.get("/api/v1/me");
        assertEquals(401, challenge.statusCode());
        assertEquals("Basic realm=\"StrokeScan API\"", challenge.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(challenge.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(challenge.body().contains("\"status\":401"), challenge.body());

        assertEquals(401, anonymous.getWithBasic("/api/v1/me", "auditor1", "not the password").statusCode());
        HttpResponse<String> me = anonymous.getWithBasic("/api/v1/me", "auditor1", SeededAccounts.get("auditor1").password());
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("{\"roles\":[\"AUDITOR\"],\"username\":\"auditor1\"}", me.body());

        HttpResponse<String> missing = anonymous.getWithBasic("/api/v1/no-such-resource", "auditor1",
                SeededAccounts.get("auditor1").password());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("\"title\":\"Not found\""), "problem JSON, not an HTML page: " + missing.body());
        assertFalse(leaksInternals(missing));

        String openApi = new FacesClient(URI.create(base.toString()).resolve("/")).get("/openapi").body();
        assertTrue(openApi.contains("/api/v1/me"), "documented in OpenAPI: " + openApi);
    }

    @Test
    void anApiPasswordIsHashedOncePerPeriodYetAccountChangesTakeEffectAtOnce() {
        String username = "dr.api-" + System.nanoTime() % 100_000;
        FacesClient admin = signedIn("admin");
        // the API takes no password an administrator issued: the user chooses their own first (one page sign-in)
        String password = chooseOwnPassword(username, AdminPage.createAccount(admin, username, "AUDITOR"));
        FacesClient api = client();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, api.getWithBasic("/api/v1/me", username, password).statusCode());
        }
        var signIns = AuditApi.about(AuditApi.recent(URI.create(base.toString())), username, "LOGIN_SUCCEEDED");
        assertEquals(2, signIns.size(), "the page sign-in; then five requests, one verification, one sign-in record");

        AdminPage.assertShows(AdminPage.pressRowButton(admin, username, "Disable"), "User " + username + " disabled.");
        assertEquals(401, api.getWithBasic("/api/v1/me", username, password).statusCode(), "disabled: refused at once");
        AdminPage.assertShows(AdminPage.pressRowButton(admin, username, "Enable"), "User " + username + " enabled.");
        assertEquals(200, api.getWithBasic("/api/v1/me", username, password).statusCode());
        AdminPage.pressRowButton(admin, username, "Reset password");
        assertEquals(401, api.getWithBasic("/api/v1/me", username, password).statusCode(), "reset: the old password is dead");
    }

    @Test
    void theApiRefusesAnIssuedPasswordUntilTheUserChoseTheirOwn() {
        String username = "dr.issued-" + System.nanoTime() % 100_000;
        String issued = AdminPage.createAccount(signedIn("admin"), username, "CLINICIAN");
        FacesClient api = client();
        HttpResponse<String> refused = api.getWithBasic("/api/v1/me", username, issued);
        assertEquals(401, refused.statusCode(), "the administrator who saw the password cannot act as the user: " + refused.body());
        assertTrue(refused.body().contains("choose your own in the web app"), refused.body());

        String chosen = chooseOwnPassword(username, issued);
        assertEquals(200, api.getWithBasic("/api/v1/me", username, chosen).statusCode(), "their own password works");

        var failed = AuditApi.about(AuditApi.recent(URI.create(base.toString())), username, "LOGIN_FAILED");
        assertEquals(1, failed.size(), "the refusal is recorded");
        assertEquals("PASSWORD_CHANGE_REQUIRED", failed.getFirst().getOutcomeDesc());
    }

    @Test
    void auditorsFetchAuditEventsAsFhirNdjsonOverTheApi() {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        // from yesterday: a run that crosses midnight (UTC) has this server's sign-ins on both days
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        String path = "/api/v1/audit-events?from=" + yesterday + "&to=" + today;
        FacesClient api = client();
        HttpResponse<String> events = api.getWithBasic(path, "auditor1", SeededAccounts.get("auditor1").password());
        assertEquals(200, events.statusCode(), events.body());
        assertEquals("application/fhir+ndjson", events.headers().firstValue("Content-Type").orElse(""));
        List<String> lines = events.body().lines().toList();
        assertTrue(lines.size() > 1, "this run's events");
        assertTrue(lines.stream().allMatch(line -> line.startsWith("{\"resourceType\":\"AuditEvent\"")), events.body());
        assertTrue(events.body().contains("\"code\":\"110114\""), "sign-ins as DICOM User Authentication");

        HttpResponse<String> clinician = api.getWithBasic(path, "clinician1", SeededAccounts.get("clinician1").password());
        assertEquals(403, clinician.statusCode(), "only auditors: " + clinician.body());
        assertTrue(clinician.body().contains("\"status\":403"), clinician.body());
        HttpResponse<String> badDate = api.getWithBasic("/api/v1/audit-events?from=yesterday&to=" + today, "auditor1",
                SeededAccounts.get("auditor1").password());
        assertEquals(400, badDate.statusCode());
        assertTrue(badDate.body().contains("ISO dates"), badDate.body());
    }

    @Test
    void readinessReportsTheMigratedDatabaseAndTheLoadedModel() throws InterruptedException {
        URI server = URI.create(base.toString()).resolve("/");
        // the model loads in the background after deployment: not ready (503) until then
        HttpResponse<String> ready = new FacesClient(server).get("/health/ready");
        for (int i = 0; i < 240 && ready.statusCode() != 200; i++) {
            Thread.sleep(500);
            ready = new FacesClient(server).get("/health/ready");
        }
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"state\":\"READY\""), "this server loaded the model again: " + ready.body());
        assertTrue(ready.body().contains("\"name\":\"database\""), ready.body());
        assertTrue(ready.body().contains("\"schemaVersion\":\"" + latestMigration() + "\""), ready.body());
        assertEquals(200, new FacesClient(server).get("/health/live").statusCode());
    }

    /** The highest version among the H2 scripts in db/, which the server must have applied. */
    private static int latestMigration() {
        try (var scripts = Files.list(Path.of("db/migration/h2"))) {
            return scripts.map(p -> p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))
                    .mapToInt(Integer::parseInt).max().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String directive(String csp, String name) {
        for (String part : csp.split(";")) {
            if (part.strip().startsWith(name + " ")) {
                return part.strip();
            }
        }
        return "";
    }

    /** Signs in with the issued password and chooses a new one on the password page; returns the new one. */
    private String chooseOwnPassword(String username, String issued) {
        FacesClient owner = client();
        assertEquals(302, owner.login(username, issued).statusCode());
        String chosen = "Willow-Kettle-Orbit-" + System.nanoTime() % 100_000;
        assertEquals(302, owner.submit("/account/password.xhtml", "password", "submit",
                Map.of("current", issued, "new", chosen, "confirm", chosen)).statusCode());
        return chosen;
    }

    /** The error message the user sees after a form post, following the redirect if there is one. */
    private static String shownError(FacesClient client, HttpResponse<String> response) {
        HttpResponse<String> page = response.statusCode() == 302 ? client.get(FacesClient.location(response)) : response;
        return Jsoup.parse(page.body()).select(".ui-messages-error-summary, .ui-message-error-summary").text();
    }

    /** A stack trace, an exception name or the server's name in what the user sees. */
    private static boolean leaksInternals(HttpResponse<String> response) {
        String visible = Jsoup.parse(response.body()).text();
        return visible.contains("Exception") || visible.contains("Payara")
                || response.body().matches("(?s).*\\(\\w+\\.java:\\d+\\).*");
    }
}
