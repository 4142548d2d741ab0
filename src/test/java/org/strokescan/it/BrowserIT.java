package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
import java.util.Map;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.strokescan.inference.control.HeadPhantom;

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
        assertTrue(browser.findElement(By.id("events:table")).getText().contains("LOGIN_SUCCEEDED"));

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
        waitUntilEveryRowContains("AUDIT_EXPORTED");
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
        for (String id : List.of("slice-image", "heat-layer")) {
            wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
                    "var i = document.getElementById(arguments[0]); return i != null && i.complete && i.naturalWidth > 0;", id));
        }
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
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reviewForm:agreesMessage")));
        assertTrue(message.getText().contains("Choose whether you agree with the AI finding."), message.getText());
        wait.until(driver -> hasFocusWithin(By.id("reviewForm:agreesMessage")));
        assertInView(message);
        WebElement choice = browser.findElement(By.id("reviewForm:agrees"));
        int gap = message.getRect().getY() - (choice.getRect().getY() + choice.getRect().getHeight());
        assertTrue(gap >= 0 && gap < 40, "the message right under the choice, " + gap + " px below it");
        assertFalse(text(By.id("messages")).contains("Choose whether"), "not (also) at the top of the page");
        assertEquals("Forgot to choose.", browser.findElement(By.id("reviewForm:comment")).getDomProperty("value"));
        screenshot("11-choose-beside-the-choice", By.id("reviewForm"));
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
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create:usernameMessage")));
        assertTrue(refused.getText().contains("The username must have 3–64 characters"), refused.getText());
        wait.until(driver -> hasFocusWithin(By.id("create:usernameMessage")));
        assertInView(refused);

        String username = "dr.inview-" + UUID.randomUUID().toString().substring(0, 6);
        fillCreateForm(username, "Dr In View");
        WebElement issued = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-password")));
        assertEquals(20, issued.getText().length());
        wait.until(driver -> hasFocusWithin(By.id("issued")));
        assertInView(issued);
        assertTrue(text(By.id("issued")).contains(username), text(By.id("issued")));
        screenshot("12-issued-password-in-view", By.id("issued"));
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
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(small, "png", folder.resolve(name + ".png").toFile());
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
