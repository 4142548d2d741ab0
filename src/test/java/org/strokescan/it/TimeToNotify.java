package org.strokescan.it;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.strokescan.testing.CtSeries;
import org.strokescan.testing.Orthanc;

/**
 * Measures the time to notify: from the moment Orthanc sends a stable 40-slice CT study (its STOW-RS job starts) to
 * the moment the clinicians' worklist shows the study's verdict (polled through {@code GET /api/v1/worklist} every
 * 100 ms; the page shows it one push and one table refresh later). Studies go one after another into a real Orthanc
 * (Debian) that forwards to a running StrokeScan as {@code pacs1}. Not a test: it prints each study and the median
 * and p95, and asserts nothing.
 *
 * <pre>
 * mvn -Prun package      # in another terminal; then
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-classpath %classpath org.strokescan.it.TimeToNotify 20"
 * </pre>
 */
public final class TimeToNotify {

    /** The brain-ct patient with 40 slices in the development set. */
    private static final int PATIENT = 125;
    private static final int SLICES = 40;

    private TimeToNotify() {
    }

    public static void main(String[] args) throws Exception {
        int studies = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        URI base = URI.create(System.getProperty("strokescan.url", "http://localhost:8080/"));
        var accounts = SeededAccounts.read(Path.of("data"));
        String clinician = Api.basic("clinician1", accounts.get("clinician1").password());
        Path folder = Files.createTempDirectory("time-to-notify");
        List<CtSeries.Summary> series = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < studies; i++) {
            // generated before any is sent, so that generating costs the measurement nothing
            series.add(CtSeries.ofPatient(PATIENT, SLICES, "notify-" + run + "-" + i, folder.resolve("s" + i)));
        }
        HttpClient http = HttpClient.newHttpClient();
        List<Double> seconds = new ArrayList<>();
        try (Orthanc orthanc = Orthanc.start(base.resolve("/dicomweb"), "pacs1", accounts.get("pacs1").password(),
                Duration.ofSeconds(1))) {
            for (CtSeries.Summary study : series) {
                int jobsBefore = orthanc.stowJobs().size();
                orthanc.storeAll(study.folder());
                Orthanc.StowJob job = awaitNewJob(orthanc, jobsBefore);
                Instant shown = awaitVerdict(http, base, clinician, study.studyInstanceUid());
                double s = Duration.between(job.created(), shown).toMillis() / 1000.0;
                seconds.add(s);
                System.out.printf(Locale.ROOT, "study %s: %.2f s from Orthanc's send to the verdict on the worklist%n",
                        study.studyInstanceUid(), s);
            }
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        double p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
        System.out.printf(Locale.ROOT, "time to notify, %d studies of %d slices: median %.2f s, p95 %.2f s, min %.2f s,"
                + " max %.2f s%n", sorted.size(), SLICES, median, p95, sorted.getFirst(), sorted.getLast());
    }

    private static Orthanc.StowJob awaitNewJob(Orthanc orthanc, int jobsBefore) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            List<Orthanc.StowJob> jobs = orthanc.stowJobs();
            if (jobs.size() > jobsBefore) {
                return jobs.getLast();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Orthanc sent nothing within 2 minutes:\n" + orthanc.log());
    }

    private static Instant awaitVerdict(HttpClient http, URI base, String clinician, String study) throws Exception {
        HttpRequest worklist = HttpRequest.newBuilder(base.resolve("api/v1/worklist"))
                .header("Authorization", clinician).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(worklist, HttpResponse.BodyHandlers.ofString());
            Optional<String> verdict = Json.createReader(new StringReader(answer.body())).readArray().stream()
                    .map(JsonValue::asJsonObject)
                    .filter(e -> !e.isNull("studyInstanceUid") && e.getString("studyInstanceUid").equals(study))
                    .map(e -> e.getString("verdict")).findFirst();
            if (verdict.isPresent() && !verdict.get().equals("pending")) {
                return Instant.now();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("study " + study + " got no verdict within 3 minutes");
    }
}
