package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.strokescan.testing.CtSeries;
import org.strokescan.testing.SharedData;
import org.strokescan.training.Slices;

/**
 * The clinicians' worklist page in Debian's headless Chromium, live: studies change through the REST API while the
 * page stays open, and the page shows them without being reloaded (its websocket, channel {@code worklist}). Each
 * test opens the page with {@link #openWorklist}, changes studies, then waits a bounded time with {@link #awaitRow}
 * and checks with {@link #assertNotReloaded} that the page was never reloaded; a PACS arrival is one more such test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorklistBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** how long a change may take to show on an open page: a push, a coalescing pause and one re-read */
    private static final Duration LIVE = Duration.ofSeconds(20);
    /** set by the test on the loaded page; a reload would lose it */
    private static final String MARKER = "strokescanTestLoadMarker";

    @ArquillianResource
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"));
    }

    @BeforeEach
    void openBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): "
                        + "apt-get install -y chromium chromium-driver");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,800",
                        "--user-data-dir=" + Files.createTempDirectory(Path.of("target"), "chromium-").toAbsolutePath());
        // the console: a websocket the Content-Security-Policy refused is reported there
        // the permission a clinician grants with the page's button, granted ahead (a headless browser has no prompt);
        // notifications need a secure origin, which the test server's plain-HTTP address is not
        options.setExperimentalOption("prefs", java.util.Map.of("profile.default_content_setting_values.notifications", 1));
        URI origin = URI.create(base.toString());
        options.addArguments("--unsafely-treat-insecure-origin-as-secure=" + origin.getScheme() + "://"
                + origin.getAuthority());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
                options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(10));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(WebDriverException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * clinician1's open worklist, in two tabs of one session, shows their new upload and its next slice without a
     * reload; clinician2's upload, pushed to every worklist page just before, never shows on clinician1's.
     */
    @Test
    void anOwnUploadAppearsAndChangesLiveButAnotherClinicianUploadNever() throws Exception {
        URI api = URI.create(base.toString());
        Api.awaitModel(api);
        byte[] slice = sliceFromSharedData();
        openWorklist("clinician1");
        String firstTab = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String secondTab = browser.getWindowHandle();
        openWorklistPage(); // the same session's second worklist, also live
        browser.switchTo().window(firstTab);

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String theirs = "MRN-WX" + suffix;
        String mine = "MRN-WO" + suffix;
        // clinician2's first: by the time clinician1's row shows, the page has re-read after clinician2's change
        String theirExamination = startExamination(api, "clinician2", theirs);
        assertEquals(201, Api.addSlice(api, "clinician2", theirExamination, "slice.png", slice).statusCode());
        assertTrue(Api.send(api, "GET", "/api/v1/worklist", "clinician2", null).body().contains(theirs),
                "clinician2's upload is on clinician2's worklist");
        String myExamination = startExamination(api, "clinician1", mine);
        assertEquals(201, Api.addSlice(api, "clinician1", myExamination, "slice.png", slice).statusCode());

        for (String tab : List.of(firstTab, secondTab)) {
            browser.switchTo().window(tab);
            String row = awaitRow(mine, "1");
            assertTrue(row.contains("Upload") && row.contains("New"), row);
            assertTrue(row.matches("(?s).*(Suspected|Not suspected) · \\d.*"), "a verdict with its probability: " + row);
            assertTrue(browser.findElement(By.xpath(rowXpath(mine) + "//a[@class='open-examination']"))
                    .getDomAttribute("href").contains("examination.xhtml?id=" + myExamination), "the row opens the study");
            assertNotReloaded();
            assertFalse(tableText().contains(theirs), "another clinician's upload is private");
        }

        browser.switchTo().window(firstTab);
        assertEquals(201, Api.addSlice(api, "clinician1", myExamination, "slice-2.png", slice).statusCode());
        awaitRow(mine, "2");
        assertNotReloaded();
        assertFalse(tableText().contains(theirs), "another clinician's upload is private");
        assertEquals(List.of(), severeConsoleMessages(), "the page ran without errors (its websocket included)");
    }

    /**
     * A study the PACS sends (STOW-RS as pacs1: 26 slices of brain-ct patient 97, who bled) appears on clinician1's
     * open worklist as being classified, then with its verdict, without a reload; the suspected verdict raises a
     * browser notification.
     */
    @Test
    void aStudyFromThePacsArrivesOnAnOpenWorklistWithItsVerdictAndANotification(@TempDir Path temp) throws Exception {
        URI api = URI.create(base.toString());
        Api.awaitModel(api);
        CtSeries.Summary study = CtSeries.ofPatient(97, 26, "worklist-browser-" + UUID.randomUUID(), temp);
        openWorklist("clinician1");
        assertEquals("granted", ((JavascriptExecutor) browser).executeScript("return Notification.permission;"));

        HttpResponse<String> stored = Stow.send(api, "pacs1", SeededAccounts.get("pacs1").password(),
                "/dicomweb/studies", CtSeries.files(study));
        assertEquals(200, stored.statusCode(), stored.body());
        String row = awaitRow(study.patientId(), "26");
        assertTrue(row.contains("PACS") && row.contains(study.accessionNumber()), row);
        assertTrue(row.contains("Suspected · "), "patient 97's study is suspected: " + row);
        assertNotReloaded();
        String examination = browser.findElement(By.xpath(rowXpath(study.patientId()) + "//a[@class='open-examination']"))
                .getDomAttribute("href").replaceAll(".*id=", "");
        new WebDriverWait(browser, LIVE).until(driver -> String.valueOf(((JavascriptExecutor) driver)
                .executeScript("return StrokeScanWorklist.notified().join(',');")).contains(examination));
        assertEquals(List.of(), severeConsoleMessages(), "the page ran without errors");
    }

    /** Signs in as {@code username} and opens the worklist, live. */
    private void openWorklist(String username) {
        browser.get(base + "login.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(username);
        browser.findElement(By.id("login:password")).sendKeys(SeededAccounts.get(username).password());
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.urlContains("/clinician/index.xhtml"));
        // the way a clinician goes: the navigation's link
        browser.findElement(By.linkText("Worklist")).click();
        awaitLiveWorklist();
    }

    /** Opens the worklist page in the current tab (signed in already) and waits until it is live. */
    private void openWorklistPage() {
        browser.get(base + "clinician/worklist.xhtml");
        awaitLiveWorklist();
    }

    /** The page's websocket is open (changes from now on reach it), and the page carries the reload marker. */
    private void awaitLiveWorklist() {
        wait.until(ExpectedConditions.urlContains("/clinician/worklist.xhtml"));
        wait.until(ExpectedConditions.attributeToBe(By.id("live-state"), "data-state", "on"));
        assertTrue(browser.findElement(By.id("decision-support")).getText().contains("Decision support, not a diagnosis"));
        ((JavascriptExecutor) browser).executeScript("window." + MARKER + " = true;");
    }

    /** Waits, at most {@link #LIVE}, until the row of {@code patient} shows {@code slices} slices; returns its text. */
    private String awaitRow(String patient, String slices) {
        By cell = By.xpath(rowXpath(patient) + "/td[5]");
        new WebDriverWait(browser, LIVE).ignoring(WebDriverException.class)
                .withMessage(() -> "the row of " + patient + " with " + slices + " slices, without a reload; the table: "
                        + tableText())
                .until(driver -> slices.equals(driver.findElement(cell).getText().replaceAll("\\D", "")));
        return browser.findElement(By.xpath(rowXpath(patient))).getText();
    }

    private static String rowXpath(String patient) {
        return "//tbody[@id='worklist:table_data']/tr[.//a[@class='open-examination' and text()='" + patient + "']]";
    }

    private void assertNotReloaded() {
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window." + MARKER + " === true;"),
                "the page was reloaded");
    }

    private String tableText() {
        return browser.findElement(By.id("worklist:table")).getText();
    }

    private List<String> severeConsoleMessages() {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            // over plain HTTP to a non-local address Chromium reports it ignores our COOP header: not a page error
            if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                    && !entry.getMessage().contains("Cross-Origin-Opener-Policy header has been ignored")) {
                severe.add(entry.getMessage());
            }
        }
        return severe;
    }

    private static String startExamination(URI api, String clinician, String patient) throws Exception {
        HttpResponse<String> started = Api.send(api, "POST", "/api/v1/examinations", clinician,
                "{\"patientId\":\"" + patient + "\"}");
        assertEquals(201, started.statusCode(), started.body());
        try (var reader = Json.createReader(new StringReader(started.body()))) {
            JsonObject examination = reader.readObject();
            return examination.getString("id");
        }
    }

    /** One head-CT slice of the shared dataset (never part of the repository). */
    private static byte[] sliceFromSharedData() throws Exception {
        Path brainCt = SharedData.require("brain-ct").resolve("brain-ct");
        return Files.readAllBytes(brainCt.resolve(Slices.manifest(brainCt, "any_ich").getFirst().file()));
    }
}
