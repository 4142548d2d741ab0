package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.hl7.fhir.r4.model.AuditEvent;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.strokescan.testing.SharedData;
import org.strokescan.training.HeadPhantom;
import org.strokescan.training.Slices;

/**
 * Drives the real pages in Debian's headless Chromium: the first admin sign-in, creating a clinician, and
 * that clinician's first sign-in with the forced password change.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @ArquillianResource
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path downloads;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"));
    }

    @BeforeEach
    void openBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): "
                        + "apt-get install -y chromium chromium-driver");
        downloads = Files.createTempDirectory(Path.of("target"), "downloads-").toAbsolutePath();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,800",
                        "--user-data-dir=" + Files.createTempDirectory(Path.of("target"), "chromium-").toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        // the browser's console, read by the tests that check pages load without errors
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // a condition checked while a page is being replaced can meet a vanished node: check again, until the timeout
        wait.ignoring(WebDriverException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void adminCreatesAClinicianWhoSignsInAndChoosesAPassword() {
        SeededAccounts.Credentials admin = SeededAccounts.get("admin");
        browser.get(base.toString());
        signIn(admin.username(), admin.password());
        wait.until(ExpectedConditions.urlContains("/admin/users.xhtml"));
        assertTrue(text(By.id("users:table")).contains("clinician1"));

        // a malformed username is refused with a reason and nothing is created
        fillCreateForm("Not A Valid Name!", "Somebody");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("create:usernameMessage"),
                "The username must have 3–64 characters"));
        assertFalse(text(By.id("users:table")).contains("Not A Valid Name!"));

        String username = "dr.browser-" + UUID.randomUUID().toString().substring(0, 6);
        String hostileName = "Dr <b>Brown</b> O'Hara";
        fillCreateForm(username, hostileName);
        waitForMessage("User " + username + " created.");
        String temporary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-password"))).getText();
        assertEquals(20, temporary.length(), "a generated temporary password is shown once");
        assertTrue(text(By.id("users:table")).contains(hostileName), "markup in a name is shown as text");
        assertTrue(browser.findElements(By.cssSelector("#users\\:table b")).isEmpty(), "and never rendered as HTML");

        signOut();
        signIn(username, temporary);
        wait.until(ExpectedConditions.urlContains("/account/password.xhtml"));
        assertTrue(text(By.id("required")).contains("Choose your own password"));

        browser.get(base + "clinician/index.xhtml");
        wait.until(ExpectedConditions.urlContains("/account/password.xhtml"));

        changePassword(temporary, "password1234", "password1234");
        waitForMessage("That password is too common");
        changePassword(temporary, "violet tractor spoon harbour", "violet tractor spoon harbor");
        waitForMessage("The two new passwords differ.");
        changePassword(temporary, "violet tractor spoon harbour", "violet tractor spoon harbour");
        wait.until(ExpectedConditions.urlContains("/clinician/index.xhtml"));
        waitForMessage("Your password has been changed.");

        signOut();
        signIn(username, "violet tractor spoon harbour");
        wait.until(ExpectedConditions.urlContains("/clinician/index.xhtml"));
        assertTrue(text(By.id("landing")).contains("Start an examination"));
        assertTrue(text(By.tagName("footer")).contains("decision support, not a diagnosis"));

        // the language is switchable on every page and remembered for the user
        chooseLanguage("ta");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("footer"), "நோயறிதல் அல்ல"));
        assertEquals("ta", browser.findElement(By.tagName("html")).getAttribute("lang"));
        signOut();
        chooseLanguage("es");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Iniciar sesión"));
        signIn(username, "violet tractor spoon harbour");
        wait.until(ExpectedConditions.urlContains("/clinician/index.xhtml"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "புதிய பரிசோதனை"));
        chooseLanguage("en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "New examination"));

        List<AuditEvent> changed = AuditApi.about(AuditApi.recent(URI.create(base.toString())), username, "PASSWORD_CHANGED");
        assertEquals(1, changed.size(), "one record of the password change");
        assertEquals(username, AuditApi.actor(changed.getFirst()), "made by the user themselves");
    }

    @Test
    void adminChangesRolesDisablesEnablesAndResetsAUser() {
        SeededAccounts.Credentials admin = SeededAccounts.get("admin");
        browser.get(base + "login.xhtml");
        signIn(admin.username(), admin.password());
        wait.until(ExpectedConditions.urlContains("/admin/users.xhtml"));
        String username = "dr.browser-" + UUID.randomUUID().toString().substring(0, 6);
        fillCreateForm(username, "Dr Roles");
        waitForMessage("User " + username + " created.");
        String firstPassword = text(By.id("issued-password"));

        rowButton(username, "Edit roles").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("users:roleEditor")));
        browser.findElement(By.xpath("//*[@id='users:editedRoles']//label[text()='Auditor']")).click();
        browser.findElement(By.id("users:saveRoles")).click();
        waitForMessage("Roles of " + username + " saved.");
        assertTrue(row(username).getText().contains("Auditor"), row(username).getText());

        rowButton(username, "Disable").click();
        waitForMessage("User " + username + " disabled.");
        assertTrue(row(username).getText().contains("Disabled"));

        signOut();
        signIn(username, firstPassword);
        wait.until(ExpectedConditions.urlContains("failed=true"));
        assertTrue(text(By.id("failed")).contains("Sign-in failed"), "a disabled account cannot sign in");

        signIn(admin.username(), admin.password());
        wait.until(ExpectedConditions.urlContains("/admin/users.xhtml"));
        rowButton(username, "Enable").click();
        waitForMessage("User " + username + " enabled.");
        rowButton(username, "Reset password").click();
        waitForMessage("Password of " + username + " reset.");
        String secondPassword = text(By.id("issued-password"));
        assertFalse(secondPassword.equals(firstPassword));

        browser.findElement(By.id("auditCheck:verify")).click();
        waitForMessage("Audit trail intact:");

        signOut();
        signIn(username, secondPassword);
        wait.until(ExpectedConditions.urlContains("/account/password.xhtml"));

        // each of those actions left exactly one audit record, with the right actor and subject
        List<AuditEvent> events = AuditApi.recent(URI.create(base.toString()));
        Map<String, String> expectedActor = Map.of("ACCOUNT_CREATED", "admin", "ROLES_ASSIGNED", "admin",
                "ACCOUNT_DISABLED", "admin", "ACCOUNT_ENABLED", "admin", "PASSWORD_RESET", "admin",
                "LOGIN_SUCCEEDED", username);
        expectedActor.forEach((action, actor) -> {
            List<AuditEvent> matching = AuditApi.about(events, username, action);
            assertEquals(1, matching.size(), action + " for " + username);
            assertEquals(actor, AuditApi.actor(matching.getFirst()), action);
        });
        List<AuditEvent> refused = AuditApi.about(events, username, "LOGIN_FAILED");
        assertEquals(1, refused.size(), "the sign-in while disabled");
        assertEquals("DISABLED", refused.getFirst().getOutcomeDesc());
    }

    @Test
    void anOpenSessionLosesARemovedRoleAtOnceAndEndsWhenTheAccountIsDisabled() {
        // the administrator works over HTTP beside the browser, as on another computer
        FacesClient admin = new FacesClient(URI.create(base.toString()));
        admin.login("admin", SeededAccounts.get("admin").password());
        String username = "dr.session-" + UUID.randomUUID().toString().substring(0, 6);
        String temporary = AdminPage.createAccount(admin, username, "CLINICIAN");
        saveRoles(admin, username, "CLINICIAN", "AUDITOR");

        browser.get(base + "login.xhtml");
        signIn(username, temporary);
        changePassword(temporary, "amber tractor spoon harbour", "amber tractor spoon harbour");
        wait.until(ExpectedConditions.urlContains("/clinician/index.xhtml"));
        browser.get(base + "clinician/history.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("footer")));
        assertFalse(browser.getTitle().isEmpty());

        saveRoles(admin, username, "AUDITOR");
        browser.get(base + "clinician/history.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Access denied"));
        browser.get(base + "auditor/index.xhtml");
        wait.until(ExpectedConditions.urlContains("/auditor/index.xhtml"));
        assertFalse(text(By.tagName("h1")).contains("Access denied"), "the session goes on with the role it still has");

        AdminPage.assertShows(AdminPage.pressRowButton(admin, username, "Disable"), "User " + username + " disabled.");
        browser.get(base + "auditor/index.xhtml");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        assertTrue(text(By.id("ended")).contains("Your session has ended"), text(By.id("ended")));
        browser.get(base + "auditor/index.xhtml");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));

        List<AuditEvent> ended = AuditApi.about(AuditApi.recent(URI.create(base.toString())), username, "SESSION_ENDED");
        assertEquals(1, ended.size(), "one record of the ended session");
        assertEquals(username, AuditApi.actor(ended.getFirst()));
        assertEquals("account disabled", ended.getFirst().getEntityFirstRep().getDescription());
    }

    /** An error page as the user sees it: styled, with PrimeFaces' scripts running (none blocked by its policy). */
    @Test
    void errorPagesAreStyledAndTheirScriptsRun() {
        browser.get(base + "login.xhtml");
        signIn("clinician1", SeededAccounts.get("clinician1").password());
        wait.until(ExpectedConditions.urlContains("/clinician/"));
        for (String path : List.of("admin/users.xhtml", "no-such-page.xhtml")) {
            browser.get(base + path);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            JavascriptExecutor js = (JavascriptExecutor) browser;
            Object scripts = js.executeScript("return typeof window.PrimeFaces;");
            Object styled = js.executeScript("return Array.from(document.styleSheets).filter(function (s) {"
                    + " try { return s.cssRules.length > 0; } catch (e) { return false; } }).length;");
            assertEquals("object", scripts, path + ": PrimeFaces' scripts did not run");
            assertTrue(((Number) styled).intValue() >= 1, path + ": stylesheets applied: " + styled);
        }
    }

    @Test
    void anAuditorFiltersExportsAndFindsTheExportInTheTrail() throws Exception {
        SeededAccounts.Credentials auditor = SeededAccounts.get("auditor1");
        browser.get(base + "login.xhtml");
        signIn(auditor.username(), auditor.password());
        wait.until(ExpectedConditions.urlContains("/auditor/"));
        browser.get(base + "auditor/events.xhtml");

        String today = LocalDate.now().toString();
        WebElement actor = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:actor")));
        actor.sendKeys("auditor1");
        wait.until(ExpectedConditions.domPropertyToBe(actor, "value", "auditor1"));
        WebElement from = browser.findElement(By.id("events:from_input"));
        // the date picker can swallow keys while it opens on a busy machine: type until the field holds the date
        wait.until(driver -> {
            from.clear();
            from.sendKeys(today);
            return today.equals(from.getDomProperty("value"));
        });
        from.sendKeys(Keys.ESCAPE);
        browser.findElement(By.tagName("h1")).click(); // closes the calendar, which would hide the buttons
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-datepicker-panel")));
        assertEquals("auditor1", actor.getDomProperty("value"));
        browser.findElement(By.id("events:apply")).click();
        waitUntilEveryRowContains("auditor1");
        assertTrue(browser.findElement(By.id("events:table")).getText().contains("Signed in"));

        browser.findElement(By.tagName("h1")).click(); // closes the date picker's calendar if it is still open
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-datepicker-panel")));
        browser.findElement(By.id("events:exportCsv")).click();
        Path csv = downloads.resolve("strokescan-audit.csv");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> Files.exists(csv));
        assertTrue(Files.readString(csv).contains("LOGIN_SUCCEEDED"), "the CSV holds the filtered rows");

        browser.get(base + "auditor/events.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:action")));
        // choose through the menu widget's own API: clicking into its animated overlay list proved flaky
        ((JavascriptExecutor) browser).executeScript("PrimeFaces.widgets['widget_events_action'].selectValue('AUDIT_EXPORTED')");
        browser.findElement(By.id("events:apply")).click();
        waitUntilEveryRowContains("Records exported");
        String newest = browser.findElement(By.cssSelector("#events\\:table tbody tr")).getText();
        assertTrue(newest.contains("auditor1") && newest.contains("CSV") && newest.contains("actor=auditor1"), newest);
    }

    @Test
    void aClinicianUploadsASeriesReadsTheResultAndSigns() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
        // a generated 20-slice series (never dataset images), a damaged PNG and a colour photo
        Path series = Files.createDirectories(downloads.resolve("series"));
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            Path slice = series.resolve(String.format("slice-%02d.png", i + 1));
            Files.write(slice, HeadPhantom.png(256, i % 4 == 1, 0.8 + 0.2 * Math.sin(Math.PI * i / 19)));
            files.append(slice).append('\n');
        }
        byte[] whole = HeadPhantom.png(256, false);
        Path damaged = series.resolve("damaged.png");
        Files.write(damaged, Arrays.copyOf(whole, whole.length / 3));
        Path photo = series.resolve("holiday-photo.png");
        ImageIO.write(colourPhoto(), "png", photo.toFile());
        files.append(damaged).append('\n').append(photo);
        SeededAccounts.Credentials clinician = SeededAccounts.get("clinician2");
        String patient = "MRN-" + UUID.randomUUID().toString().substring(0, 8);

        browser.get(base.toString());
        signIn(clinician.username(), clinician.password());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start:patient"))).sendKeys(patient);
        browser.findElement(By.id("start:accession")).sendKeys("ACC-77");
        browser.findElement(By.id("start:note")).sendKeys("Fall at home, GCS 14, on anticoagulants");
        screenshot("1-start-examination", By.id("start"));
        browser.findElement(By.id("start:startExamination")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient"), patient));
        assertTrue(text(By.id("decision-support")).contains("not a diagnosis"));

        // the whole series at once; the page counts the files as they are classified
        browser.findElement(By.id("upload:files_input")).sendKeys(files.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("series-progress-text"), "of 22"));
        screenshot("2-upload-in-progress", By.id("upload"));
        new WebDriverWait(browser, Duration.ofSeconds(180)).ignoring(WebDriverException.class).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("series-progress-text"), "22 of 22"));
        wait.until(ExpectedConditions.textMatches(By.id("summary"), Pattern.compile("(?i).*slices classified: 20;.*")));
        String rejections = text(By.id("rejections"));
        assertTrue(rejections.contains("damaged.png: Unreadable file"), rejections);
        assertTrue(rejections.contains("holiday-photo.png: Not a head CT: a colour image"), rejections);
        String verdict = text(By.id("verdict"));
        assertTrue(verdict.startsWith("Haemorrhage suspected") || verdict.startsWith("No haemorrhage detected"), verdict);
        List<WebElement> rows = browser.findElements(By.cssSelector("#slices\\:table tbody tr"));
        assertEquals(20, rows.size());
        String first = rows.getFirst().getText();
        assertTrue(first.contains("slice-") && first.contains("%") && first.contains(ActiveModel.ID), first);
        screenshot("3-study-result", By.id("results"));

        // the most suspicious slice with its heat map; both really drawn, and the map can be switched off
        awaitSliceAndHeatMapDrawn();
        screenshot("4-heat-map", By.id("viewer-title"));
        browser.findElement(By.cssSelector("label[for='heat-toggle']")).click();
        wait.until(driver -> "0".equals(driver.findElement(By.id("heat-layer")).getCssValue("opacity")));

        // signing: choose, comment, sign; the page then offers amendments only and takes no more files
        browser.findElement(By.cssSelector("label[for='reviewForm:agrees:0']")).click();
        browser.findElement(By.id("reviewForm:comment")).sendKeys("Agree: left parietal hyperdensity.");
        browser.findElement(By.id("reviewForm:sign")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-state"), "Signed"));
        assertTrue(text(By.id("reviews")).contains("Signed by clinician2"), text(By.id("reviews")));
        assertTrue(browser.findElements(By.id("upload:files_input")).isEmpty(), "a signed examination takes no files");
        assertFalse(browser.findElements(By.id("reviewForm:amend")).isEmpty());
        screenshot("5-signed", By.id("review"));

        // the same page in Spanish, still the same examination
        chooseLanguage("es");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-state"), "Firmado"));
        assertTrue(text(By.id("decision-support")).contains("no un diagnóstico"));
        assertTrue(text(By.id("patient")).contains(patient));
        screenshot("6-spanish", By.id("examination-header"));
        chooseLanguage("en");

        // history: the examination is listed with its state and reopens
        browser.get(base + "clinician/history.xhtml");
        WebElement listed = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[td[contains(., '" + patient + "')]]")));
        assertTrue(listed.getText().contains("Signed") && listed.getText().contains("20"), listed.getText());
        screenshot("7-history", By.id("examinations"));
        listed.findElement(By.cssSelector("a.open-examination")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient"), patient));

        // the result reads on a phone without sideways scrolling
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient"), patient));
        assertFitsTheWindow();
        screenshot("8-phone", By.id("results"));
    }

    @Test
    void anAuditorFindsAStudyByClinicianAndPatientExportsAndOpensIt() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
        // a signed study by clinician1, made through the API
        String patient = "MRN-A" + UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newHttpClient();
        String auth = Api.basic("clinician1", SeededAccounts.get("clinician1").password());
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/examinations"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"patientId\":\"" + patient + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String examination = started.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        assertEquals(201, http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/predictions")).header("Authorization", auth)
                .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Api.multipart("examinationId", examination, "a.png",
                        HeadPhantom.png(256, true)))).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(201, http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/examinations/" + examination + "/signature"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agrees\":false}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        SeededAccounts.Credentials auditor = SeededAccounts.get("auditor1");
        browser.get(base + "login.xhtml");
        signIn(auditor.username(), auditor.password());
        WebElement clinicianFilter = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("history:clinician")));
        clinicianFilter.sendKeys("clinician1");
        browser.findElement(By.id("history:patient")).sendKeys(patient);
        browser.findElement(By.id("history:apply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agreement"), "0 of 1"));
        // the table is replaced by the filter request: read the row afresh until it shows the study
        wait.until(driver -> {
            String row = driver.findElement(By.xpath("//tr[td[contains(., '" + patient + "')]]")).getText();
            return row.contains("clinician1") && row.contains("Signed");
        });
        assertFalse(browser.findElements(By.cssSelector("#history\\:perDay canvas")).isEmpty(), "the charts are drawn");
        Object agreement = ((JavascriptExecutor) browser).executeScript("return Chart.getChart(document.querySelector("
                + "arguments[0])).data.datasets.map(d => d.label + '=' + d.data.join(','))", "#history\\:agreementChart canvas");
        assertEquals(List.of("Clinician agreed=0", "Clinician disagreed=1"), agreement, "the one review is charted on its day");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("history:apply"))); // the filter request is done
        screenshot("9-auditor-history", By.id("history"));

        browser.findElement(By.id("history:exportCsv")).click();
        Path csv = downloads.resolve("strokescan-predictions.csv");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> Files.exists(csv));
        assertTrue(Files.readString(csv).contains(patient), "the CSV holds the filtered rows");

        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[td[contains(., '" + patient + "')]]//a[contains(@class, 'open-examination')]"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient"), patient));
        assertEquals("clinician1", text(By.id("clinician")));
        assertTrue(text(By.id("review-state")).contains("Signed"));
        assertTrue(text(By.id("reviews")).contains("I disagree"), text(By.id("reviews")));
        wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                "var i = document.getElementById('slice-image'); return i != null && i.complete && i.naturalWidth > 0;"));
        assertTrue(browser.findElements(By.id("upload:files_input")).isEmpty(), "read-only for auditors");
        screenshot("10-auditor-examination", By.id("results"));

        // the auditor's look at the patient's record is itself in the trail, once, under the auditor's name
        List<AuditEvent> viewed = AuditApi.about(AuditApi.recent(URI.create(base.toString())), "patient " + patient,
                "EXAMINATION_VIEWED");
        assertEquals(1, viewed.size(), "one view, by the auditor (the clinician never opened it)");
        assertEquals("auditor1", AuditApi.actor(viewed.getFirst()));
    }

    /** Another clinician reaches neither the examination page nor its images, by address or by id. */
    @Test
    void anotherClinicianSeesNothingOfAnExamination() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
        String patient = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        Path slice = downloads.resolve("own-slice.png");
        Files.write(slice, HeadPhantom.png(256, true));
        browser.get(base.toString());
        signIn("clinician1", SeededAccounts.get("clinician1").password());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start:patient"))).sendKeys(patient);
        browser.findElement(By.id("start:startExamination")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient"), patient));
        browser.findElement(By.id("upload:files_input")).sendKeys(slice.toString());
        wait.until(ExpectedConditions.textMatches(By.id("summary"), Pattern.compile("(?i).*slices classified: 1;.*")));
        String examinationUrl = browser.getCurrentUrl();
        String imageUrl = browser.findElement(By.id("slice-image")).getDomAttribute("src");
        signOut();

        signIn("clinician2", SeededAccounts.get("clinician2").password());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start:patient")));
        browser.get(examinationUrl);
        waitForMessage("No such examination of yours exists.");
        assertFalse(browser.getPageSource().contains(patient), "nothing of the patient is shown");
        browser.get(URI.create(base.toString()).resolve(imageUrl).toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Page not found"));
    }

    @Test
    void theLoginPageFitsAPhoneScreen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base + "login.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username")));
        assertFitsTheWindow();
        assertTrue(browser.findElement(By.id("login:submit")).isDisplayed());
    }

    /**
     * Issue 24, item 4: a session that ended under an open examination explains itself on "Sign (final)" (its cookie
     * dropped, as an idle timeout drops the session) and on an upload (signed out in a second tab), each time on the
     * sign-in page, which returns to the same examination with the review comment still typed; the server logs each
     * as one ordinary line, never a SEVERE stack trace.
     */
    @Test
    void anEndedSessionExplainsItselfAndSignInReturnsToTheExaminationWithTheComment() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
        SeededAccounts.Credentials clinician = SeededAccounts.get("clinician1");
        String patient = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        String examinationUrl = startExaminationWithOneSlice(clinician, patient);
        String comment = "Kept across sign-in: no midline shift.";
        try (ServerLog log = ServerLog.capture()) {
            browser.findElement(By.cssSelector("label[for='reviewForm:agrees:1']")).click();
            browser.findElement(By.id("reviewForm:comment")).sendKeys(comment);
            browser.manage().deleteCookieNamed("JSESSIONID");
            browser.findElement(By.id("reviewForm:sign")).click();
            assertTheSessionEndExplained(patient);
            signIn(clinician.username(), clinician.password());
            wait.until(ExpectedConditions.urlToBe(examinationUrl));
            wait.until(driver -> comment.equals(driver.findElement(By.id("reviewForm:comment")).getDomProperty("value")));
            assertFalse(browser.findElements(By.id("reviewForm:sign")).isEmpty(), "nothing was signed by the lost request");

            // signed out in another tab of the same browser: the next upload here meets a session that is gone
            String examinationTab = browser.getWindowHandle();
            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(base + "clinician/history.xhtml");
            signOut();
            browser.close();
            browser.switchTo().window(examinationTab);
            Path late = downloads.resolve("after-the-session.png");
            Files.write(late, HeadPhantom.png(256, true));
            browser.findElement(By.id("upload:files_input")).sendKeys(late.toString());
            assertTheSessionEndExplained(patient);
            signIn(clinician.username(), clinician.password());
            wait.until(ExpectedConditions.urlToBe(examinationUrl));
            assertTrue(text(By.id("upload:counts")).startsWith("1 of"), "the lost upload stored nothing");
            wait.until(driver -> comment.equals(driver.findElement(By.id("reviewForm:comment")).getDomProperty("value")));

            // signed for real, the draft is gone: the page opened again shows an empty comment box
            browser.findElement(By.cssSelector("label[for='reviewForm:agrees:1']")).click();
            browser.findElement(By.id("reviewForm:sign")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reviewForm:amend")));
            assertTrue(text(By.id("reviews")).contains(comment), text(By.id("reviews")));
            browser.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reviewForm:amend")));
            assertEquals("", browser.findElement(By.id("reviewForm:comment")).getDomProperty("value"));

            List<String> lines = log.lines();
            assertTrue(lines.stream().noneMatch(line -> line.contains("SEVERE")),
                    () -> "SEVERE in the server log: " + String.join("\n", lines));
            assertEquals(2, lines.stream().filter(line -> line.contains("event=session.lapsed")).count(),
                    () -> "one line per lost request: " + String.join("\n", lines));
        }
    }

    /** Issue 24, item 6: "Sign" without a choice says so beside the choice, in view, and takes the focus there. */
    @Test
    void signingWithoutAChoiceSaysSoBesideTheChoiceAndFocusesIt() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
        String patient = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        startExaminationWithOneSlice(SeededAccounts.get("clinician2"), patient);
        browser.findElement(By.id("reviewForm:comment")).sendKeys("Forgot to choose.");
        browser.findElement(By.id("reviewForm:sign")).click();
        // the message's holder is rendered (and may be laid out) before the ajax answer fills it: wait for the words
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reviewForm:agreesMessage"),
                "Choose whether you agree with the AI finding."));
        WebElement message = browser.findElement(By.id("reviewForm:agreesMessage"));
        wait.until(driver -> hasFocusWithin(By.id("reviewForm:agreesMessage")));
        assertInView(message);
        WebElement choice = browser.findElement(By.id("reviewForm:agrees"));
        int gap = message.getRect().getY() - (choice.getRect().getY() + choice.getRect().getHeight());
        assertTrue(gap >= 0 && gap < 40, "the message right under the choice, " + gap + " px below it");
        assertFalse(text(By.id("messages")).contains("Choose whether"), "not (also) at the top of the page");
        assertEquals("Forgot to choose.", browser.findElement(By.id("reviewForm:comment")).getDomProperty("value"));
        screenshot("15-choose-beside-the-choice", By.id("reviewForm"));
    }

    /**
     * Issue 24, item 6: on a 1280×800 window with the users list filling the page, a refused username is explained
     * beside its field and the one-time password of a new user appears in view with the focus on it.
     */
    @Test
    void theAdminSeesTheIssuedPasswordAndFormErrorsWhereTheyWork() throws IOException {
        FacesClient http = new FacesClient(URI.create(base.toString()));
        http.login("admin", SeededAccounts.get("admin").password());
        SeededAccounts.Credentials admin = SeededAccounts.get("admin");
        browser.get(base + "login.xhtml");
        signIn(admin.username(), admin.password());
        wait.until(ExpectedConditions.urlContains("/admin/users.xhtml"));
        // enough accounts that the create form starts below the fold, where a message at the top is out of view
        while (browser.findElement(By.id("create:submit")).getRect().getY() < 800) {
            AdminPage.createAccount(http, "dr.filler-" + UUID.randomUUID().toString().substring(0, 6), "AUDITOR");
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create:submit")));
        }

        fillCreateForm("Not A Valid Name!", "Somebody");
        // the form is rendered anew by the answer: find the message again after each wait, never hold on to it
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("create:usernameMessage"),
                "The username must have 3–64 characters"));
        wait.until(driver -> hasFocusWithin(By.id("create:usernameMessage")));
        assertInView(browser.findElement(By.id("create:usernameMessage")));

        String username = "dr.inview-" + UUID.randomUUID().toString().substring(0, 6);
        fillCreateForm(username, "Dr In View");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-password")));
        wait.until(driver -> hasFocusWithin(By.id("issued")));
        assertEquals(20, text(By.id("issued-password")).length());
        assertInView(browser.findElement(By.id("issued-password")));
        assertTrue(text(By.id("issued")).contains(username), text(By.id("issued")));
        screenshot("16-issued-password-in-view", By.id("issued"));
    }

    /**
     * Issue 23, item 11: the clinician's workflow on a real patient's slices from {@code ../shared/data} — every slice
     * through the gate and the model in the browser, the study verdict and a slice with its heat map. The verdict is
     * not asserted: the shipped model was trained on this patient, so it would prove nothing about the model. The
     * screenshots go to {@code target/screenshots/dataset/}, never into the repository (they show dataset images).
     */
    @Test
    void aRealPatientsSlicesRunThroughTheClinicianWorkflow() throws Exception {
        Path brainCt = SharedData.require("brain-ct").resolve("brain-ct");
        List<Slices.Entry> manifest = Slices.manifest(brainCt, "any_ich");
        // the first patient with blood on a slice, twelve of its slices in order around the first such slice
        String patientId = manifest.stream().filter(entry -> entry.label() == 1).findFirst().orElseThrow().patient();
        List<Slices.Entry> patient = manifest.stream().filter(entry -> entry.patient().equals(patientId)).toList();
        int firstBleed = patient.indexOf(patient.stream().filter(entry -> entry.label() == 1).findFirst().orElseThrow());
        int from = Math.clamp(firstBleed - 6, 0, Math.max(0, patient.size() - 12));
        List<Path> slices = patient.subList(from, Math.min(patient.size(), from + 12)).stream()
                .map(entry -> brainCt.resolve(entry.file())).toList();
        Api.awaitModel(URI.create(base.toString()));
        browser.get(base.toString());
        signIn("clinician1", SeededAccounts.get("clinician1").password());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start:patient")))
                .sendKeys("MRN-R" + UUID.randomUUID().toString().substring(0, 8));
        browser.findElement(By.id("start:startExamination")).click();
        // the examination page opens after the click: wait for it, not the old page's absence of the input
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload:files_input"))).sendKeys(String.join("\n",
                slices.stream().map(slice -> slice.toAbsolutePath().toString()).toList()));
        String all = slices.size() + " of " + slices.size();
        new WebDriverWait(browser, Duration.ofSeconds(240)).ignoring(WebDriverException.class).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("series-progress-text"), all));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bar-slices"),
                "Slices: " + slices.size() + " classified, 0 refused"));
        String verdict = text(By.id("verdict"));
        assertTrue(verdict.startsWith("Haemorrhage suspected") || verdict.startsWith("No haemorrhage detected"), verdict);
        assertEquals(slices.size(), browser.findElements(By.cssSelector("#slices\\:table tbody tr")).size());
        screenshot("dataset/3-study-result", By.id("results"));
        awaitSliceAndHeatMapDrawn();
        screenshot("dataset/4-heat-map", By.id("viewer-title"));
    }

    /** The viewer's slice and heat map both really drawn (loaded, with a width). */
    private void awaitSliceAndHeatMapDrawn() {
        for (String id : List.of("slice-image", "heat-layer")) {
            wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                    "var i = document.getElementById(arguments[0]); return i != null && i.complete && i.naturalWidth > 0;", id));
        }
    }

    /** Signs in, starts an examination of {@code patient} and classifies one slice; returns the page's address. */
    private String startExaminationWithOneSlice(SeededAccounts.Credentials clinician, String patient) throws IOException {
        Path slice = downloads.resolve("slice-" + patient + ".png");
        Files.write(slice, HeadPhantom.png(256, false));
        browser.get(base + "login.xhtml");
        signIn(clinician.username(), clinician.password());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start:patient"))).sendKeys(patient);
        browser.findElement(By.id("start:startExamination")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient"), patient));
        browser.findElement(By.id("upload:files_input")).sendKeys(slice.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("upload:counts"), "1 of"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("reviewForm:sign")));
        return browser.getCurrentUrl();
    }

    /** The sign-in page says the session ended and why sessions end, and the address names no patient. */
    private void assertTheSessionEndExplained(String patient) {
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        String explanation = text(By.id("lapsed"));
        assertTrue(explanation.contains("Your session has ended") && explanation.contains("15 minutes"), explanation);
        assertFalse(browser.getCurrentUrl().contains(patient), browser.getCurrentUrl());
    }

    /** Whether the focused element is the one located, or inside it. */
    private boolean hasFocusWithin(By locator) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].contains(document.activeElement);", browser.findElement(locator));
    }

    /** The element lies wholly inside the window as it is scrolled now. */
    private void assertInView(WebElement element) {
        Boolean inView = (Boolean) ((JavascriptExecutor) browser).executeScript(
                "var r = arguments[0].getBoundingClientRect();"
                        + "return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;", element);
        assertTrue(inView, () -> element.getAttribute("id") + " out of view: " + ((JavascriptExecutor) browser)
                .executeScript("return JSON.stringify(arguments[0].getBoundingClientRect()) + ' window ' + window.innerHeight;", element));
    }

    /**
     * Issue 24, item 3: after an upload the study's verdict stays in view however far the page scrolls, on a
     * phone as on a desktop, and a phone shows the slice list folded until the clinician opens it.
     */
    @Test
    void theStudyVerdictStaysInViewAndAPhoneFoldsTheSliceList() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
        Path series = Files.createDirectories(downloads.resolve("in-view"));
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            Path slice = series.resolve(String.format("view-%02d.png", i + 1));
            Files.write(slice, HeadPhantom.png(256, i % 3 == 1, 0.8 + 0.2 * Math.sin(Math.PI * i / 11)));
            files.append(i == 0 ? "" : "\n").append(slice);
        }
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base.toString());
        signIn("clinician1", SeededAccounts.get("clinician1").password());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start:patient")))
                .sendKeys("MRN-V" + UUID.randomUUID().toString().substring(0, 8));
        browser.findElement(By.id("start:startExamination")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload:files_input"))).sendKeys(files.toString());
        new WebDriverWait(browser, Duration.ofSeconds(180)).ignoring(WebDriverException.class).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("series-progress-text"), "12 of 12"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bar-slices"), "Slices: 12 classified, 0 refused"));

        // the phone: the slice list is folded, and the bar is on screen at the foot of the page
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertEquals(Boolean.FALSE, js.executeScript("return document.getElementById('slice-list').open;"));
        assertFalse(browser.findElement(By.id("slices:table")).isDisplayed(), "the slice table is folded on a phone");
        js.executeScript("window.scrollTo(0, document.body.scrollHeight);");
        assertInView(browser.findElement(By.id("study-bar")));
        String bar = text(By.id("study-bar"));
        assertTrue(bar.contains("AI triage, not yet reviewed: haemorrhage suspected")
                || bar.contains("AI triage, not yet reviewed: no haemorrhage detected"), bar);
        assertTrue(bar.contains("Not signed"), bar);
        screenshot("14-phone-study-bar", By.id("review"));
        long folded = (Long) js.executeScript("return document.documentElement.scrollHeight;");
        // where the clinician would tap it: in the middle of the screen, not under the bar
        WebElement summary = browser.findElement(By.cssSelector("#slice-list > summary"));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'});", summary);
        summary.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("slices:table")));
        long unfolded = (Long) js.executeScript("return document.documentElement.scrollHeight;");
        assertTrue(unfolded > folded + 600, "12 slices add to the page when opened: " + folded + " -> " + unfolded);

        // choosing a slice re-renders the list, which stays as the clinician left it (open)
        browser.findElement(By.cssSelector("#slices\\:table tbody tr a.slice-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("viewer-title")));
        assertEquals(Boolean.TRUE, js.executeScript("return document.getElementById('slice-list').open;"));

        // a desktop: the list is open, and the bar stays at the top while the page scrolls down to the review
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("slices:table")));
        browser.findElement(By.cssSelector("label[for='reviewForm:agrees:1']")).click();
        browser.findElement(By.id("reviewForm:sign")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bar-review"), "Signed"));
        js.executeScript("window.scrollTo(0, document.body.scrollHeight);");
        assertInView(browser.findElement(By.id("study-bar")));
        assertTrue(text(By.id("bar-clinician")).startsWith("Clinician: "), text(By.id("bar-clinician")));
        assertTrue(text(By.id("bar-ai")).startsWith("AI: "), text(By.id("bar-ai")));
    }

    /**
     * Issue 24, item 1: once a clinician disagrees and signs, every page leads with the clinician's signed finding
     * and keeps the AI's beside it — the verdict box (also after an amendment), "My examinations", and the
     * auditor's list, which filters by whether the clinician agreed with the AI.
     */
    @Test
    void afterSignOffTheCliniciansFindingLeadsAndAuditorsFilterByDisagreement() throws Exception {
        Api.awaitModel(URI.create(base.toString()));
        String patient = "MRN-D" + UUID.randomUUID().toString().substring(0, 8);
        Path slice = downloads.resolve("decision-slice.png");
        Files.write(slice, HeadPhantom.png(256, true));
        browser.get(base.toString());
        signIn("clinician1", SeededAccounts.get("clinician1").password());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start:patient"))).sendKeys(patient);
        browser.findElement(By.id("start:startExamination")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("patient"), patient));
        browser.findElement(By.id("upload:files_input")).sendKeys(slice.toString());
        wait.until(ExpectedConditions.textMatches(By.id("summary"), Pattern.compile("(?i).*slices classified: 1;.*")));

        // unsigned: the AI's verdict alone, said to be triage no one has reviewed
        assertEquals("AI triage, not yet reviewed:", text(By.id("verdict-source")));
        assertTrue(browser.findElements(By.id("clinical-finding")).isEmpty(), "no clinician's finding before sign-off");
        String aiVerdict = text(By.id("verdict"));
        boolean aiSuspected = aiVerdict.startsWith("Haemorrhage suspected");
        assertTrue(aiSuspected || aiVerdict.startsWith("No haemorrhage detected"), aiVerdict);
        // disagreeing with the AI, the clinician finds the other one
        String clinicianSigned = aiSuspected ? "Clinician: no haemorrhage — signed " : "Clinician: haemorrhage — signed ";
        String aiBeside = aiSuspected ? "AI: haemorrhage suspected" : "AI: no haemorrhage detected";

        browser.findElement(By.cssSelector("label[for='reviewForm:agrees:1']")).click();
        browser.findElement(By.id("reviewForm:comment")).sendKeys("Beam-hardening artefact, no blood.");
        browser.findElement(By.id("reviewForm:sign")).click();
        String finding = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("clinical-finding"))).getText();
        assertTrue(finding.startsWith(clinicianSigned) && finding.endsWith(" by clinician1 (disagrees with the AI)"),
                finding);
        assertEquals("AI triage finding:", text(By.id("verdict-source")));
        assertEquals(aiVerdict, text(By.id("verdict")), "the AI's verdict stays beside it, as it was");
        assertTrue(browser.findElement(By.id("clinical-finding")).getLocation().getY()
                < browser.findElement(By.id("verdict")).getLocation().getY(), "the clinician's finding comes first");
        assertTrue(browser.findElement(By.cssSelector("section.study-verdict")).getDomAttribute("class")
                .contains(aiSuspected ? "verdict-NOT_DETECTED" : "verdict-SUSPECTED"), "the box shows the clinician's");
        screenshot("11-clinician-finding", By.id("results"));

        // an amendment (still disagreeing) is what the box says from then on
        browser.findElement(By.cssSelector("label[for='reviewForm:agrees:1']")).click();
        browser.findElement(By.id("reviewForm:amend")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("clinical-finding"),
                clinicianSigned.replace("signed", "amended")));

        // My examinations: the clinician's finding first, the AI's beside it
        browser.get(base + "clinician/history.xhtml");
        String listed = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[td[contains(., '" + patient + "')]]"))).getText();
        String amended = clinicianSigned.replace("signed", "amended");
        assertTrue(listed.contains(amended) && listed.contains(aiBeside), listed);
        assertTrue(listed.indexOf(amended) < listed.indexOf(aiBeside), "clinician first: " + listed);
        screenshot("12-history-clinician-finding", By.id("examinations"));
        signOut();

        // the auditor: "agreed" leaves the study out; "disagreed" finds it, its row saying what the clinician found
        // (in this order, so that the row seen is the second filter's and not the unfiltered list's)
        signIn("auditor1", SeededAccounts.get("auditor1").password());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("history:patient"))).sendKeys(patient);
        new Select(browser.findElement(By.id("history:reviewAgreement"))).selectByVisibleText("Clinician agreed with the AI");
        browser.findElement(By.id("history:apply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history:table"), "No predictions match these filters."));
        assertFalse(text(By.id("history:table")).contains(patient), "an agreement filter leaves the disagreeing study out");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("history:apply")));
        new Select(browser.findElement(By.id("history:reviewAgreement"))).selectByVisibleText("Clinician disagreed with the AI");
        browser.findElement(By.id("history:apply")).click();
        String row = wait.until(driver -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("#history\\:table tbody tr"));
            return rows.size() == 1 && rows.getFirst().getText().contains(patient) ? rows.getFirst().getText() : null;
        });
        assertTrue(row.contains(amended) && row.contains("by clinician1 (disagrees with the AI)") && row.contains(aiBeside), row);
        assertTrue(row.indexOf(amended) < row.indexOf(aiBeside), "clinician first: " + row);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agreement"), "(0 of 1)"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("history:apply")));
        screenshot("13-auditor-disagreed", By.id("history"));

        // and the examination, read-only, as the clinician sees it now
        browser.findElement(By.xpath("//tr[td[contains(., '" + patient + "')]]//a[contains(@class, 'open-examination')]"))
                .click();
        String audited = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("clinical-finding"))).getText();
        assertTrue(audited.startsWith(amended) && audited.contains("by clinician1"), audited);
        assertEquals(aiVerdict, text(By.id("verdict")));
    }

    /**
     * Issue 24, item 7: every page, in every language, as the role that may see it and with data on it (a signed
     * examination with a slice and a refusal, audit records of many actions): no script error or failed resource
     * in the browser, the page's language on its root, no text left as a raw key or code, and date pickers that
     * name the month in the page's language. Problems are collected, so one run lists all of them.
     */
    @Test
    void everyPageInEveryLanguageIsTranslatedAndLoadsEverythingItAsksFor() throws Exception {
        URI uri = URI.create(base.toString());
        Api.awaitModel(uri);
        String patient = "MRN-L" + UUID.randomUUID().toString().substring(0, 8);
        String examination = Api.send(uri, "POST", "/api/v1/examinations", "clinician1",
                "{\"patientId\":\"" + patient + "\"}").body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        assertEquals(201, Api.addSlice(uri, "clinician1", examination, "slice.png", HeadPhantom.png(256, true)).statusCode());
        ByteArrayOutputStream photo = new ByteArrayOutputStream();
        ImageIO.write(colourPhoto(), "png", photo);
        assertEquals(422, Api.addSlice(uri, "clinician1", examination, "photo.png", photo.toByteArray()).statusCode());
        assertEquals(201, Api.send(uri, "POST", "/api/v1/examinations/" + examination + "/signature", "clinician1",
                "{\"agrees\":false}").statusCode());

        List<String> problems = new java.util.ArrayList<>();
        for (String language : List.of("es", "ta", "en")) {
            browser.get(base + "login.xhtml");
            chooseLanguage(language); // before sign-in: for this session only
            for (String page : List.of("login.xhtml", "login.xhtml?lapsed=true", "error/403.xhtml", "error/404.xhtml",
                    "error/500.xhtml")) {
                problems.addAll(problemsOf(page, language, false));
            }
        }
        Map<String, List<String>> pagesByUser = Map.of(
                "clinician1", List.of("index.xhtml", "clinician/index.xhtml", "clinician/examination.xhtml?id=" + examination,
                        "clinician/history.xhtml", "clinician/worklist.xhtml", "account/password.xhtml", "model.xhtml",
                        "admin/users.xhtml",
                        "no-such-page.xhtml", "launch.xhtml?token=not-a-card"),
                "auditor1", List.of("auditor/index.xhtml", "auditor/events.xhtml",
                        "auditor/examination.xhtml?id=" + examination, "model.xhtml"),
                "admin", List.of("admin/users.xhtml", "admin/deliveries.xhtml", "model.xhtml"));
        for (Map.Entry<String, List<String>> user : pagesByUser.entrySet()) {
            browser.get(base + "login.xhtml");
            signIn(user.getKey(), SeededAccounts.get(user.getKey()).password());
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login.xhtml")));
            try {
                for (String language : List.of("es", "ta", "en")) { // English last: the choice is stored with the account
                    chooseLanguage(language);
                    for (String page : user.getValue()) {
                        boolean errorPage = page.startsWith("no-such") || page.startsWith("admin/") && !"admin".equals(user.getKey());
                        problems.addAll(problemsOf(page, language, errorPage));
                        if (page.endsWith("history.xhtml") || page.equals("auditor/index.xhtml")) {
                            problems.addAll(calendarProblems(language));
                        }
                    }
                }
            } finally {
                chooseLanguage("en");
                signOut();
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    /**
     * Issue 24, item 9: the tables filter through the labelled form above them only (no unlabelled filter box in a
     * column header, every visible control named), that form filters, the paginator's current page stands out
     * from the others with readable numbers on both, and the favicon every page names is served without sign-in.
     */
    @Test
    void tablesHaveOnlyLabelledFiltersThePaginatorMarksItsPageAndTheFaviconIsServed() throws Exception {
        URI uri = URI.create(base.toString());
        String prefix = "MRN-P" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 26; i++) { // more than one page of 25
            assertEquals(201, Api.send(uri, "POST", "/api/v1/examinations", "clinician1",
                    "{\"patientId\":\"" + prefix + "-" + i + "\"}").statusCode());
        }
        browser.get(base + "login.xhtml");
        String favicon = browser.findElement(By.cssSelector("link[rel~='icon']")).getDomProperty("href");
        HttpResponse<String> icon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(favicon)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, icon.statusCode(), "the favicon, asked for without a session: " + favicon);
        assertTrue(icon.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"), icon.headers().toString());
        assertTrue(icon.body().contains("<svg"), icon.body());

        signIn("clinician1", SeededAccounts.get("clinician1").password());
        wait.until(ExpectedConditions.urlContains("/clinician/"));
        browser.get(base + "clinician/history.xhtml");
        assertOnlyLabelledControls("examinations");
        assertEquals(favicon, browser.findElement(By.cssSelector("link[rel~='icon']")).getDomProperty("href"));

        // the paginator: page 1 of at least 2, marked apart from page 2, both readable
        WebElement current = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#examinations\\:table .ui-paginator-page.ui-state-active")));
        WebElement other = browser.findElement(By.cssSelector("#examinations\\:table .ui-paginator-page:not(.ui-state-active)"));
        screenshot("paginator", By.cssSelector("#examinations\\:table .ui-paginator"));
        assertEquals("1", current.getText());
        double[] currentColours = colours(current);
        double[] otherColours = colours(other);
        assertTrue(contrast(currentColours, 0, 3) >= 4.5, "current page number: contrast " + contrast(currentColours, 0, 3));
        assertTrue(contrast(otherColours, 0, 3) >= 4.5, "other page numbers: contrast " + contrast(otherColours, 0, 3));
        assertTrue(contrast(currentColours, 3, otherColours, 3) >= 3,
                "the current page's background stands apart from the others' (3:1 for a state): "
                        + contrast(currentColours, 3, otherColours, 3));

        // the one way to filter: the labelled field above the table
        browser.findElement(By.id("examinations:patient")).sendKeys(prefix + "-25");
        browser.findElement(By.id("examinations:apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(driver -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("#examinations\\:table tbody tr"));
            return rows.size() == 1 && rows.getFirst().getText().contains(prefix + "-25");
        });
        signOut();

        signIn("auditor1", SeededAccounts.get("auditor1").password());
        wait.until(ExpectedConditions.urlContains("/auditor/"));
        for (String page : List.of("auditor/index.xhtml", "auditor/events.xhtml")) {
            browser.get(base + page);
            assertOnlyLabelledControls(page.contains("events") ? "events" : "history");
        }
    }

    /** No control in a table header, and every visible control of the form has a name a screen reader reads. */
    private void assertOnlyLabelledControls(String form) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(form + ":table")));
        assertEquals(List.of(), browser.findElements(By.cssSelector("[id='" + form + ":table'] thead input, [id='" + form
                + ":table'] thead select, [id='" + form + ":table'] .ui-column-filter")).stream()
                .map(e -> e.getDomAttribute("id")).toList(), "controls in the table's header");
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.getElementById(arguments[0]).querySelectorAll(
                        'input:not([type=hidden]), select, textarea'))
                    .filter(e => e.offsetWidth > 1 && e.offsetHeight > 1 && !e.closest('.ui-helper-hidden-accessible'))
                    .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')
                        && !e.getAttribute('title'))
                    .map(e => e.id || e.name || e.outerHTML.substring(0, 80));""", form);
        assertEquals(List.of(), unnamed, form + ": controls without a label");
    }

    /** The text colour and the background it is drawn on (the first opaque one up the tree), as r, g, b, r, g, b. */
    private double[] colours(WebElement element) {
        @SuppressWarnings("unchecked")
        List<Number> rgb = (List<Number>) ((JavascriptExecutor) browser).executeScript("""
                const parse = c => c.match(/[\\d.]+/g).map(Number);
                let background = null;
                for (let e = arguments[0]; e && !background; e = e.parentElement) {
                    const c = parse(getComputedStyle(e).backgroundColor);
                    if (c.length < 4 || c[3] > 0) background = c.slice(0, 3);
                }
                return parse(getComputedStyle(arguments[0]).color).slice(0, 3).concat(background || [255, 255, 255]);""",
                element);
        return rgb.stream().mapToDouble(Number::doubleValue).toArray();
    }

    private static double contrast(double[] colours, int first, int second) {
        return contrast(colours, first, colours, second);
    }

    /** WCAG 2 contrast ratio of two sRGB colours, each three numbers from {@code at} on. */
    private static double contrast(double[] a, int at, double[] b, int bt) {
        double la = luminance(a, at);
        double lb = luminance(b, bt);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(double[] rgb, int at) {
        double[] weights = {0.2126, 0.7152, 0.0722};
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            double c = rgb[at + i] / 255;
            sum += weights[i] * (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return sum;
    }

    /**
     * Every code a page could show raw instead of its words: JSF's and our marks of a missing key, upper-case words
     * joined by underscores, and every constant of the enums that pages show through the bundle.
     */
    private static final Pattern RAW_TEXT = Pattern.compile("\\?\\?\\S+\\?\\?|\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b|\\b(?:"
            + java.util.stream.Stream.of(org.strokescan.audit.entity.AuditAction.values(),
                            org.strokescan.audit.entity.AuditOutcome.values(), org.strokescan.platform.Role.values(),
                            org.strokescan.examination.entity.Verdict.values(),
                            org.strokescan.examination.entity.ReviewState.values(),
                            org.strokescan.fhir.entity.DeliveryState.values(), org.strokescan.fhir.entity.ReportKind.values(),
                            org.strokescan.inference.entity.PreprocessingSpec.Normalisation.values(),
                            org.strokescan.inference.entity.GateVerdict.Reason.values(),
                            org.strokescan.inference.entity.IntakeResult.Reason.values())
                    .flatMap(Arrays::stream).map(Enum::name).collect(java.util.stream.Collectors.joining("|")) + ")\\b");

    /**
     * Opens a page and says what is wrong with it: console errors (the page's own error status aside where it is
     * an error page on purpose), resources answered 4xx/5xx, a wrong language on its root, raw keys or codes in
     * its text, its options, titles and labels (text marked {@code recorded}, kept as it was written, aside).
     */
    private List<String> problemsOf(String page, String language, boolean errorStatusExpected) {
        browser.manage().logs().get(LogType.BROWSER); // drops what earlier pages logged
        browser.get(base + page);
        wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                "return document.readyState === 'complete' && (!window.jQuery || jQuery.active === 0);"));
        String where = language + " " + page + ": ";
        List<String> problems = new java.util.ArrayList<>();
        String own = browser.getCurrentUrl();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                    && !(errorStatusExpected && entry.getMessage().startsWith(own + " "))
                    // the test server is plain HTTP on a non-loopback address, where Chromium ignores this header
                    && !entry.getMessage().contains("Cross-Origin-Opener-Policy header has been ignored")) {
                problems.add(where + "console: " + entry.getMessage());
            }
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        @SuppressWarnings("unchecked")
        List<String> failed = (List<String>) js.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => e.responseStatus >= 400).map(e => e.responseStatus + ' ' + e.name);");
        failed.forEach(resource -> problems.add(where + "resource answered " + resource));
        String lang = browser.findElement(By.tagName("html")).getDomAttribute("lang");
        if (!language.equals(lang)) {
            problems.add(where + "html lang=" + lang);
        }
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) js.executeScript("""
                let body = document.body.innerText;
                document.querySelectorAll('.recorded').forEach(r => body = body.split(r.innerText).join(' '));
                const texts = [document.title, body];
                document.querySelectorAll('option, [data-label], [title], [aria-label], [placeholder], input[type=submit]')
                    .forEach(e => {
                        if (e.closest('.recorded')) return;
                        texts.push(e.tagName === 'OPTION' ? e.textContent : '', e.getAttribute('data-label') || '',
                            e.getAttribute('title') || '', e.getAttribute('aria-label') || '',
                            e.getAttribute('placeholder') || '', e.tagName === 'INPUT' ? e.value : '');
                    });
                return texts;""");
        for (WebElement metric : browser.findElements(By.cssSelector("#metrics td:first-child"))) {
            if (metric.getText().matches("[a-z]+(\\.[A-Za-z-]+)+")) {
                problems.add(where + "a metric shown by its key: " + metric.getText());
            }
        }
        if (page.contains("examination.xhtml")) { // the refused colour photo, in the page's language
            ResourceBundle words = ResourceBundle.getBundle("org.strokescan.web.messages", Locale.forLanguageTag(language),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
            String refusal = text(By.id("rejections"));
            String expected = words.getString("reject.COLOUR") + " (" + (language.equals("en")
                    ? "This is a colour image" : words.getString("reject.COLOUR.detail"));
            if (!refusal.contains(expected)) {
                problems.add(where + "the refusal reads '" + refusal + "', not '" + expected + "…'");
            }
        }
        for (String text : texts) {
            java.util.regex.Matcher raw = RAW_TEXT.matcher(text);
            while (raw.find()) {
                problems.add(where + "raw text '" + raw.group() + "' in: "
                        + text.substring(Math.max(0, raw.start() - 40), Math.min(text.length(), raw.end() + 40)).replace('\n', ' '));
            }
        }
        return problems;
    }

    /** Opens the page's first date picker: it must name this month and the weekdays in the page's language. */
    private List<String> calendarProblems(String language) {
        Locale locale = Locale.forLanguageTag(language);
        WebElement field = browser.findElement(By.cssSelector("input[id$='from_input']"));
        field.click();
        By calendar = By.id(field.getDomAttribute("id").replace("_input", "_panel"));
        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(calendar));
        String title = panel.findElement(By.cssSelector(".ui-datepicker-title")).getText();
        String weekdays = panel.findElement(By.cssSelector(".ui-datepicker-calendar thead")).getText();
        // left open: the next page replaces it (closing it, by a click elsewhere or through its widget, did not always
        // end its closing transition in headless Chromium, and only the picker's words are under test here)
        String month = LocalDate.now().getMonth().getDisplayName(java.time.format.TextStyle.FULL, locale);
        List<String> problems = new java.util.ArrayList<>();
        if (!title.toLowerCase(locale).contains(month.toLowerCase(locale))) {
            problems.add(language + " " + browser.getCurrentUrl() + ": the date picker shows '" + title + "', not " + month);
        }
        String monday = java.time.DayOfWeek.MONDAY.getDisplayName(java.time.format.TextStyle.FULL, locale)
                .substring(0, 1).toLowerCase(locale);
        String header = weekdays.toLowerCase(locale);
        if (!header.contains(monday) || !language.equals("en") && header.contains("mo")) {
            problems.add(language + " " + browser.getCurrentUrl() + ": the date picker's weekdays are '" + weekdays + "'");
        }
        return problems;
    }

    /** Saves what the user sees, scrolled to {@code focus}, at 960 px wide: target/screenshots/<name>.png. */
    private void screenshot(String name, By focus) throws IOException {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(true);", browser.findElement(focus));
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES)));
        int width = Math.min(960, shot.getWidth());
        int height = shot.getHeight() * width / shot.getWidth();
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(shot, 0, 0, width, height, null);
        g.dispose();
        Path file = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(file.getParent());
        ImageIO.write(small, "png", file.toFile());
    }

    private static BufferedImage colourPhoto() {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                image.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | 90);
            }
        }
        return image;
    }

    private void assertFitsTheWindow() {
        long pageWidth = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth");
        long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth");
        assertTrue(pageWidth <= viewport, "horizontal scrolling on a phone: " + pageWidth + " > " + viewport);
    }


    /** After an ajax filter the table is replaced; wait until the new rows are there. */
    private void waitUntilEveryRowContains(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(driver -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("#events\\:table tbody tr"));
            return !rows.isEmpty() && rows.stream().allMatch(row -> row.getText().contains(text));
        });
    }

    private WebElement row(String username) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[.//span[@class='username' and text()='" + username + "']]")));
    }

    private WebElement rowButton(String username, String label) {
        return wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//tr[.//span[@class='username' and text()='" + username + "']]//button[.//span[text()='"
                        + label + "']]")));
    }

    /** Picks a language the way a user does: open the menu in the header, click the language's own name. */
    private void chooseLanguage(String language) {
        String name = switch (language) {
            case "ta" -> "தமிழ்";
            case "es" -> "Español";
            default -> "English";
        };
        // On a busy machine the widget may still be settling: open the menu, wait until its panel stands still
        // (a click during the opening animation can land on the wrong item), then pick; find everything afresh.
        // While the page is being replaced the driver may answer with any kind of "node gone" error: try again.
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(driver -> {
            WebElement panel = driver.findElement(By.id("language:choice_panel"));
            boolean moving = (Boolean) ((JavascriptExecutor) driver).executeScript(
                    "return window.jQuery(arguments[0]).is(':animated');", panel);
            if (moving) {
                return false;
            }
            if (!panel.isDisplayed()) {
                driver.findElement(By.id("language:choice")).click();
                return false;
            }
            panel.findElement(By.cssSelector("li[data-label='" + name + "']")).click();
            return true;
        });
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(driver -> language.equals(driver.findElement(By.tagName("html")).getDomAttribute("lang")));
    }

    private void signIn(String username, String password) {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username")));
        user.clear();
        user.sendKeys(username);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
    }

    private void signOut() {
        browser.findElement(By.id("session:signOut")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
    }

    private void fillCreateForm(String username, String displayName) {
        WebElement name = browser.findElement(By.id("create:username"));
        name.clear();
        name.sendKeys(username);
        WebElement display = browser.findElement(By.id("create:displayName"));
        display.clear();
        display.sendKeys(displayName);
        WebElement clinician = browser.findElement(By.cssSelector("#create\\:roles .ui-chkbox-box"));
        if (!browser.findElement(By.cssSelector("#create\\:roles input[value=CLINICIAN]")).isSelected()) {
            clinician.click();
        }
        browser.findElement(By.id("create:submit")).click();
    }

    private void changePassword(String current, String next, String confirmation) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password:current"))).sendKeys(current);
        browser.findElement(By.id("password:new")).sendKeys(next);
        browser.findElement(By.id("password:confirm")).sendKeys(confirmation);
        browser.findElement(By.id("password:submit")).click();
    }

    /** Gives the account exactly these roles through the administrator's role editor. */
    private static void saveRoles(FacesClient admin, String username, String... roles) {
        org.jsoup.nodes.Document editor = org.jsoup.Jsoup.parse(AdminPage.pressRowButton(admin, username, "Edit roles").body());
        List<Map.Entry<String, String>> fields = Arrays.stream(roles).map(role -> Map.entry("editedRoles", role)).toList();
        AdminPage.assertShows(admin.press(AdminPage.PATH, editor, "users", "users:saveRoles", fields),
                "Roles of " + username + " saved.");
    }

    private void waitForMessage(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), text));
    }

    private String text(By locator) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(locator)).getText();
    }
}
