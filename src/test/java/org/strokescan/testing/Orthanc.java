package org.strokescan.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PACS for the tests: Debian's Orthanc with its DICOMweb plugin, on free loopback ports, started with the
 * configuration a hospital uses ({@code payara-config/orthanc/orthanc.json} and its {@code forward-stable-ct.lua}),
 * whose environment variables point it at the given StrokeScan. Every stable CT study it holds is sent there by
 * STOW-RS. Its storage lives in a temporary folder that {@link #close()} removes; a shutdown hook stops it if a test
 * does not.
 */
public final class Orthanc implements AutoCloseable {

    /** Where Debian's orthanc-dicomweb puts the plugin that the configuration loads. */
    public static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    static final String MISSING = "install Debian package orthanc and orthanc-dicomweb";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Orthanc writes job times as UTC in ISO basic format. */
    private static final DateTimeFormatter JOB_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss[.SSSSSS]");

    /** Orthanc's answer to {@code POST /instances}: the instance's id, "Success"/"AlreadyStored", its study's id. */
    public record Stored(String id, String status, String parentStudy) {
    }

    /**
     * A STOW-RS job of the DICOMweb plugin (one forwarded study). {@code created}: when the Lua script started it;
     * {@code completed}: when StrokeScan had answered (so the last instance had been sent); null while it runs.
     * {@code state}: Pending, Running, Success, Failure...; {@code content}: the plugin's details (the error, if any).
     */
    public record StowJob(String id, String state, Instant created, Instant completed, JsonObject content) {
    }

    private final Process process;
    private final Path home;
    private final Path logFile;
    private final int httpPort;
    private final int dicomPort;
    private final URI base;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Orthanc(Process process, Path home, Path logFile, int httpPort, int dicomPort) {
        this.process = process;
        this.home = home;
        this.logFile = logFile;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.base = URI.create("http://127.0.0.1:" + httpPort + "/");
        this.shutdownHook = new Thread(this::stop, "orthanc-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Orthanc with a study counting as stable 2 s after its last instance. */
    public static Orthanc start(URI strokeScanDicomWeb, String user, String password) throws IOException {
        return start(strokeScanDicomWeb, user, password, Duration.ofSeconds(2));
    }

    /**
     * Starts Orthanc, forwarding to {@code strokeScanDicomWeb} (StrokeScan's DICOMweb base, e.g.
     * {@code http://127.0.0.1:8181/dicomweb}; the plugin posts to {@code <base>/studies}) as {@code user}, and
     * returns once its REST API answers.
     */
    public static Orthanc start(URI strokeScanDicomWeb, String user, String password, Duration stableAge)
            throws IOException {
        Path binary = binary();
        if (!Files.isReadable(DICOMWEB_PLUGIN)) {
            throw new IllegalStateException("no " + DICOMWEB_PLUGIN + ": " + MISSING);
        }
        Path config = configuration();
        Path home = Files.createTempDirectory("orthanc");
        Path logFile = home.resolve("orthanc.log");
        int httpPort = freePort();
        int dicomPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        env.put("ORTHANC_HTTP_PORT", String.valueOf(httpPort));
        env.put("ORTHANC_DICOM_PORT", String.valueOf(dicomPort));
        env.put("ORTHANC_STORAGE", home.resolve("storage").toString());
        env.put("ORTHANC_STABLE_AGE", String.valueOf(Math.max(1, stableAge.toSeconds())));
        env.put("STROKESCAN_DICOMWEB_URL", strokeScanDicomWeb.toString());
        env.put("STROKESCAN_PACS_USER", user);
        env.put("STROKESCAN_PACS_PASSWORD", password);
        Orthanc orthanc = new Orthanc(builder.start(), home, logFile, httpPort, dicomPort);
        try {
            orthanc.awaitStarted();
            return orthanc;
        } catch (RuntimeException | IOException e) {
            orthanc.close();
            throw e;
        }
    }

    /** The configuration in the repository, the one the README gives hospitals. */
    public static Path configuration() {
        Path config = Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."))
                .resolve("payara-config/orthanc/orthanc.json").toAbsolutePath().normalize();
        if (!Files.isReadable(config)) {
            throw new IllegalStateException("no Orthanc configuration at " + config);
        }
        return config;
    }

    /** {@code Orthanc} on the PATH, or where Debian installs it ({@code /usr/sbin}, often not on a user's PATH). */
    static Path binary() {
        List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        folders.add("/usr/sbin");
        return folders.stream().filter(folder -> !folder.isEmpty()).map(folder -> Path.of(folder, "Orthanc"))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Orthanc on the PATH or in /usr/sbin: " + MISSING));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitStarted() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Orthanc exited with " + process.exitValue() + " while starting:\n"
                        + log());
            }
            try {
                if (get("system").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // it has not opened its port yet
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("Orthanc did not answer /system within " + START_TIMEOUT + ":\n" + log());
    }

    /** Orthanc's REST API (loopback, no authentication). */
    public URI baseUri() {
        return base;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Orthanc's DICOM (C-STORE) port, AE title ORTHANC. */
    public int dicomPort() {
        return dicomPort;
    }

    /** Stores one DICOM file as a modality would ({@code POST /instances}); fails if Orthanc refuses it. */
    public Stored store(Path dicomFile) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("instances"))
                .header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(dicomFile)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Orthanc refused " + dicomFile + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        JsonObject stored = json(response.body()).asJsonObject();
        return new Stored(stored.getString("ID"), stored.getString("Status"), stored.getString("ParentStudy"));
    }

    /** Stores every file of the folder, in file name order ({@code IM000001}, ...). */
    public List<Stored> storeAll(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        List<Stored> stored = new ArrayList<>();
        for (Path file : files) {
            stored.add(store(file));
        }
        return stored;
    }

    /** The ids of the studies Orthanc holds. */
    public List<String> studies() throws IOException {
        return json(get("studies").body()).asJsonArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    /** All of Orthanc's jobs ({@code /jobs?expand}), as Orthanc reports them. */
    public JsonArray jobs() throws IOException {
        return json(get("jobs?expand").body()).asJsonArray();
    }

    /** The DICOMweb plugin's STOW-RS jobs (one per forwarded study), oldest first. */
    public List<StowJob> stowJobs() throws IOException {
        return jobs().getValuesAs(JsonObject.class).stream()
                .filter(job -> "DicomWebStowClient".equals(job.getString("Type", "")))
                .map(job -> new StowJob(job.getString("ID"), job.getString("State"),
                        jobTime(job.getString("CreationTime", null)), jobTime(job.getString("CompletionTime", null)),
                        job.getJsonObject("Content")))
                .sorted(Comparator.comparing(StowJob::created)).toList();
    }

    /** The latest STOW-RS job, if Orthanc has forwarded anything yet. */
    public Optional<StowJob> lastStowJob() throws IOException {
        List<StowJob> jobs = stowJobs();
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.getLast());
    }

    /** Waits until the latest STOW-RS job has ended (Success or Failure) and returns it. */
    public StowJob awaitStowJobEnded(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StowJob> last = lastStowJob();
            if (last.isPresent() && last.get().completed() != null) {
                return last.get();
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("no STOW-RS job ended within " + timeout + "; jobs: " + jobs() + "\nlog:\n"
                + log());
    }

    /** What the Lua script printed: one line per forwarded (or skipped) study and per failed job. */
    public List<String> luaLog() {
        return log().lines().filter(line -> line.contains("Lua says:")).toList();
    }

    /** Orthanc's whole output so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(Orthanc's log " + logFile + " could not be read: " + e + ")";
        }
    }

    private static Instant jobTime(String text) {
        return text == null || text.isEmpty() ? null
                : LocalDateTime.parse(text, JOB_TIME).toInstant(ZoneOffset.UTC);
    }

    private HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to Orthanc", e);
        }
    }

    private static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Orthanc", e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops Orthanc and removes its storage. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it stopped Orthanc already
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove Orthanc's folder " + home, e);
        }
    }
}
