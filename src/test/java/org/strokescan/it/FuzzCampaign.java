package org.strokescan.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Sends the {@link FuzzCorpus} to a running StrokeScan through both upload paths (REST and the clinician's
 * examination page), then 1,000 files in a burst and the same file many times at once, while a probe asks
 * {@code /health/ready} throughout. Not a test: {@code FuzzIT} runs a small fixed subset in the suite. Run against
 * the app started by the README's run command (see the README):
 * {@code mvn -q test-compile exec:exec -Dfuzz.campaign}. Writes its tables into
 * {@code src/site/markdown/performance.md}.
 */
public final class FuzzCampaign {

    /** What one upload got back: the HTTP status and the reason given, or "classified". */
    public record Outcome(FuzzCorpus.Case fuzz, String path, int status, String answer) {

        public boolean serverError() {
            return status >= 500 || answer.startsWith("server error");
        }

        /** A correct answer: an allowed status (REST) or a stored slice or specific refusal (page), with a reason. */
        public boolean expected() {
            if (path.equals("REST")) {
                return fuzz.allowed().contains(status) && !answer.isBlank();
            }
            boolean classified = answer.equals("classified");
            return status == 200 && !answer.isBlank() && !answer.startsWith("no answer")
                    && (classified ? fuzz.allowed().contains(201) : !fuzz.allowed().equals(Set.of(201)));
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private FuzzCampaign() {
    }

    /** Posts one case to {@code POST /api/v1/predictions} for a new patient (a one-slice examination). */
    public static Outcome rest(URI base, String user, String password, FuzzCorpus.Case fuzz) throws Exception {
        return rest(base, user, password, fuzz, true);
    }

    /** Posts one case, for a new patient or for none (a prediction outside any examination). */
    static Outcome rest(URI base, String user, String password, FuzzCorpus.Case fuzz, boolean forPatient)
            throws Exception {
        byte[] body = Api.multipart(forPatient ? Map.of("patientId", patient()) : Map.of(), "image", fuzz.fileName(),
                fuzz.contentType(), fuzz.content());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("api/v1/predictions"))
                .header("Authorization", Api.basic(user, password))
                .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        String answer;
        if (response.statusCode() == 201) {
            answer = "classified";
        } else if (response.body().startsWith("{")) {
            JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
            answer = problem.getString("detail", "");
        } else {
            answer = response.statusCode() >= 500 ? "server error: " + response.body() : "";
        }
        return new Outcome(fuzz, "REST", response.statusCode(), answer);
    }

    /** An examination page of a signed-in clinician, ready to take uploads. */
    public record Page(FacesClient client, String path, Document document) {
    }

    public static Page openExamination(URI base, String user, String password) throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(base.resolve("api/v1/examinations"))
                .header("Authorization", Api.basic(user, password)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"patientId\":\"" + patient() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = Json.createReader(new StringReader(started.body())).readObject().getString("id");
        FacesClient client = new FacesClient(base);
        client.login(user, password);
        String path = "/clinician/examination.xhtml?id=" + id;
        return new Page(client, path, Jsoup.parse(client.get(path).body()));
    }

    /** Uploads one case through the examination page, as the browser's file upload does. */
    public static Outcome faces(Page page, FuzzCorpus.Case fuzz) {
        HttpResponse<String> response = page.client().upload(page.path(), page.document(), "upload", "upload:files",
                "results unprocessed",
                fuzz.fileName(), fuzz.contentType(), fuzz.content());
        String body = response.body();
        String answer;
        if (response.statusCode() >= 500 || body.contains("<error>")) {
            answer = "server error: " + body.substring(0, Math.min(300, body.length()));
        } else {
            String html = Parser.unescapeEntities(body, false);
            Matcher refusal = Pattern.compile("<strong>" + Pattern.quote(fuzz.fileName()) + "</strong>: ([^<]+)").matcher(html);
            String found = null;
            while (refusal.find()) {
                found = refusal.group(1).strip(); // the newest refusal of that name is listed last
            }
            answer = found != null ? found : html.contains(">" + fuzz.fileName() + "<") ? "classified"
                    : "no answer about the file: " + html.substring(0, Math.min(400, html.length())).replace('\n', ' ');
        }
        return new Outcome(fuzz, "page", response.statusCode(), answer);
    }

    private static String patient() {
        return "MRN-F" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(System.getProperty("strokescan.url", "http://localhost:8080/"));
        long seed = Long.getLong("seed", 20261127L);
        int variants = Integer.getInteger("variants", 20);
        int burst = Integer.getInteger("burst", 1000);
        SeededAccounts.Credentials clinician = SeededAccounts.read(Path.of(System.getProperty("strokescan.data", "data")))
                .get("clinician1");
        List<FuzzCorpus.Case> corpus = FuzzCorpus.generate(seed, variants);
        HealthProbe probe = HealthProbe.start(base);
        Instant started = Instant.now();

        List<Outcome> outcomes = new ArrayList<>();
        for (FuzzCorpus.Case fuzz : corpus) {
            outcomes.add(rest(base, clinician.username(), clinician.password(), fuzz));
        }
        Page page = openExamination(base, clinician.username(), clinician.password());
        for (FuzzCorpus.Case fuzz : corpus) {
            outcomes.add(faces(page, fuzz));
        }

        // a burst: 16 clients send 1,000 files of the corpus as fast as the server takes them
        long burstStart = System.nanoTime();
        List<Outcome> burstOutcomes = burst(base, clinician.username(), clinician.password(), corpus, burst, 16);
        double burstSeconds = (System.nanoTime() - burstStart) / 1e9;

        // the same file, 16 times at once, into one examination
        List<Outcome> same = sameFileAtOnce(base, clinician.username(), clinician.password(), corpus.getFirst(), 16);

        // the largest images the limits let through, 32 at once (all of the server's request threads): each needs
        // ~320 MB while decoded, 10 GB together; for no patient, so that no database connection is taken before
        // the decoding and nothing but the pixel budget limits how many decode at once
        FuzzCorpus.Case largest = FuzzCorpus.largestAccepted();
        long hugeStart = System.nanoTime();
        List<Outcome> huge = burst(base, clinician.username(), clinician.password(), List.of(largest), 32, 32, false);
        double hugeSeconds = (System.nanoTime() - hugeStart) / 1e9;
        HealthProbe.Result health = probe.stop();

        String section = report(seed, variants, corpus.size(), outcomes, burstOutcomes, burstSeconds, same, health,
                Duration.between(started, Instant.now()));
        section += String.format(Locale.ROOT, "%n%s, %d kB, 32 at once from 32 clients: %s in %.1f s; 5xx: %d;"
                        + " unexpected: %d.%n", largest.kind(), largest.content().length / 1024, statuses(huge, "REST"),
                hugeSeconds, huge.stream().filter(Outcome::serverError).count(),
                huge.stream().filter(o -> !o.expected()).count());
        System.out.println(section);
        SitePage.replaceSection("fuzz", section);
    }

    /** {@code files} cases of the corpus in turn, sent by {@code clients} clients as fast as the server answers. */
    public static List<Outcome> burst(URI base, String user, String password, List<FuzzCorpus.Case> corpus, int files,
                                      int clients) throws Exception {
        return burst(base, user, password, corpus, files, clients, true);
    }

    static List<Outcome> burst(URI base, String user, String password, List<FuzzCorpus.Case> corpus, int files,
                               int clients, boolean forPatient) throws Exception {
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < files; i = next.getAndIncrement()) {
                    outcomes.add(rest(base, user, password, corpus.get(i % corpus.size()), forPatient));
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return outcomes;
    }

    /** {@code copies} uploads of one file into one examination, all started together. */
    public static List<Outcome> sameFileAtOnce(URI base, String user, String password, FuzzCorpus.Case fuzz, int copies)
            throws Exception {
        Page page = openExamination(base, user, password);
        String examination = page.path().substring(page.path().indexOf("id=") + 3);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        AtomicBoolean go = new AtomicBoolean();
        List<Future<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            uploads.add(pool.submit(() -> {
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                return Api.addSlice(base, user, password, examination, fuzz.fileName(), fuzz.content());
            }));
        }
        go.set(true);
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<HttpResponse<String>> upload : uploads) {
            HttpResponse<String> response = upload.get();
            outcomes.add(new Outcome(fuzz, "REST", response.statusCode(), response.statusCode() == 201 ? "classified"
                    : response.body()));
        }
        pool.shutdown();
        return outcomes;
    }

    private static String report(long seed, int variants, int cases, List<Outcome> outcomes, List<Outcome> burst,
                                 double burstSeconds, List<Outcome> same, HealthProbe.Result health, Duration took) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Campaign of %s: seed %d, %d variants per random kind, %d cases, each through"
                + " REST and through the examination page; %s in all.%n%n", Instant.now().toString().substring(0, 16),
                seed, variants, cases, took.toSeconds() + " s"));
        md.append("| kind | cases | REST answers | page answers | 5xx | unexpected |\n|---|---:|---|---|---:|---:|\n");
        Map<String, List<Outcome>> byKind = new LinkedHashMap<>();
        outcomes.forEach(o -> byKind.computeIfAbsent(o.fuzz().kind(), k -> new ArrayList<>()).add(o));
        byKind.forEach((kind, list) -> md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %d | %d |%n", kind,
                list.stream().filter(o -> o.path().equals("REST")).count(), statuses(list, "REST"), answers(list),
                list.stream().filter(Outcome::serverError).count(), list.stream().filter(o -> !o.expected()).count())));
        md.append(String.format(Locale.ROOT, "%nBurst: %d files of the corpus from 16 clients in %.1f s: %s; 5xx: %d;"
                        + " unexpected: %d.%n%n", burst.size(), burstSeconds, statuses(burst, "REST"),
                burst.stream().filter(Outcome::serverError).count(), burst.stream().filter(o -> !o.expected()).count()));
        md.append(String.format(Locale.ROOT, "The same file 16 times at once into one examination: %s.%n%n",
                statuses(same, "REST")));
        md.append(String.format(Locale.ROOT, "Health: %d probes of `/health/ready` during the campaign, %d not answered"
                + " 200 (longest answer %d ms).%n", health.probes(), health.failures(), health.slowestMillis()));
        List<Outcome> unexpected = new ArrayList<>(outcomes.stream().filter(o -> !o.expected()).toList());
        unexpected.addAll(burst.stream().filter(o -> !o.expected()).toList());
        if (!unexpected.isEmpty()) {
            md.append("\nUnexpected answers (first 20):\n\n");
            unexpected.stream().limit(20).forEach(o -> md.append("- ").append(o.path()).append(' ').append(o.fuzz().fileName())
                    .append(": ").append(o.status()).append(' ').append(o.answer().replace('\n', ' ')).append('\n'));
        }
        return md.toString();
    }

    private static String statuses(List<Outcome> outcomes, String path) {
        Map<Integer, Integer> counts = new TreeMap<>();
        outcomes.stream().filter(o -> o.path().equals(path)).forEach(o -> counts.merge(o.status(), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** The page's answers, shortened to their first words: "classified" or the refusal's reason. */
    private static String answers(List<Outcome> outcomes) {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.stream().filter(o -> o.path().equals("page"))
                .forEach(o -> counts.merge(o.answer().replaceAll(" \\(.*", ""), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + "× " + e.getKey()).reduce((a, b) -> a + "; " + b).orElse("");
    }
}
