package org.strokescan.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.strokescan.training.HeadPhantom;

/**
 * Measures what a clinician waits for: from choosing the files of a study on the examination page until the
 * page shows the result of its last slice, for a 1-slice and a 20-slice study, 5 times each, in headless
 * Chromium against a running StrokeScan (the README's run command). Not a test: timings on a shared machine
 * are noisy, so it reports medians and asserts nothing.
 *
 * <pre>mvn -q test-compile exec:exec -Dstudy.timing [-Dstrokescan.url=http://localhost:8080/]</pre>
 *
 * Signs in as clinician1 with the password from {@code data/initial-credentials.txt} (the demo accounts).
 */
public final class StudyTiming {

    /** Each file a new image, so none is already in the content-addressed store. */
    private static int generated;

    private StudyTiming() {
    }

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("strokescan.url", "http://localhost:8080/");
        int runs = Integer.getInteger("runs", 5);
        String password = SeededAccounts.read(Path.of("data")).get("clinician1").password();
        Path folder = Files.createTempDirectory("strokescan-study-timing");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1280,800");
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
        try {
            browser.get(base + "login.xhtml");
            browser.findElement(By.id("login:username")).sendKeys("clinician1");
            browser.findElement(By.id("login:password")).sendKeys(password);
            browser.findElement(By.id("login:submit")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("start:patient")));
            study(browser, base, folder, 1, 0); // warm-up: first page render, first heat map
            StringBuilder report = new StringBuilder("| study | runs | median (s) | min (s) | max (s) |\n|---|---:|---:|---:|---:|\n");
            for (int slices : new int[] {1, 20}) {
                List<Double> seconds = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    seconds.add(study(browser, base, folder, slices, run + 1));
                }
                seconds.sort(null);
                report.append(String.format(Locale.ROOT, "| %d slice%s | %d | %.2f | %.2f | %.2f |%n", slices,
                        slices == 1 ? "" : "s", runs, seconds.get(runs / 2), seconds.getFirst(), seconds.getLast()));
            }
            System.out.print(report);
        } finally {
            browser.quit();
        }
    }

    /** Seconds from handing the files to the page until it shows every slice's result. */
    private static double study(WebDriver browser, String base, Path folder, int slices, int run) throws Exception {
        browser.get(base + "clinician/index.xhtml");
        browser.findElement(By.id("start:patient")).sendKeys("MRN-T" + UUID.randomUUID().toString().substring(0, 8));
        browser.findElement(By.id("start:startExamination")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(300));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload:files_input")));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            // every file new to the server, so nothing is served from the content-addressed store
            Path slice = folder.resolve("run" + run + "-" + slices + "-" + i + ".png");
            Files.write(slice, HeadPhantom.png(256, i % 4 == 1, 0.8 + 0.2 * (++generated % 1000) / 1000.0));
            files.add(slice.toString());
        }
        long start = System.nanoTime();
        browser.findElement(By.id("upload:files_input")).sendKeys(String.join("\n", files));
        wait.until(ExpectedConditions.textMatches(By.id("summary"), Pattern.compile("(?i).*slices classified: " + slices + ";.*")));
        return (System.nanoTime() - start) / 1e9;
    }

}
