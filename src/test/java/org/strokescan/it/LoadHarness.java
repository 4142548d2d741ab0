package org.strokescan.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.strokescan.training.HeadPhantom;

/**
 * End-to-end load against a running StrokeScan (the README's run command), next to the bare engine measured by the
 * CLI's {@code benchmark} in the same run: after a warm-up and a soak at 8 clients that samples the server's resident
 * set size, in each of several rounds the bare engine runs once and then N clients (1, 2, 4, 8, 16) each sign in once
 * ({@code GET /api/v1/me}) and post slices to {@code POST /api/v1/predictions} for a fixed time.
 * Not a test. Run (see the README): {@code mvn -q test-compile exec:exec -Dload.test}; writes its tables into the
 * section {@code -Dsection} (default {@code load}) of {@code src/site/markdown/performance.md}.
 */
public final class LoadHarness {

    /**
     * One level: how many clients, what they got done, and the server's memory afterwards. Errors are server
     * errors and failed connections; refusals (4xx, e.g. a slice the input gate turns away) are counted apart.
     */
    record Level(int clients, double seconds, int requests, int refusals, int errors, double[] latencies,
                 double[] classifications, long rssKb, double serverCpuSeconds, double clientCpuSeconds,
                 double meanBatch) {

        double throughput() {
            return requests / seconds;
        }

        /** CPU milliseconds the server process spent per answered request (all its threads, TensorFlow's too). */
        double serverCpuMsPerRequest() {
            return 1000 * serverCpuSeconds / Math.max(1, requests + refusals);
        }

        /** CPU milliseconds this load generator spent per request: work the bare benchmark does not share cores with. */
        double clientCpuMsPerRequest() {
            return 1000 * clientCpuSeconds / Math.max(1, requests + refusals);
        }

        double percentile(double p) {
            return percentile(latencies, p);
        }

        /** The server's own classification time (decode to probability, the answer's {@code latencyMicros}). */
        double classificationP50() {
            return percentile(classifications, 50);
        }

        private static double percentile(double[] values, double p) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? Double.NaN
                    : sorted[Math.clamp((int) Math.ceil(p / 100 * sorted.length) - 1, 0, sorted.length - 1)];
        }
    }

    /** The CLI benchmark's numbers that the targets refer to. */
    record Bare(double medianMs, double bestSingle, double bestBatched) {

        /** The stricter reference: whichever way the bare engine got more images through. */
        double best() {
            return Math.max(bestSingle, bestBatched);
        }
    }

    /** One round: the bare engine, then every level against the server. */
    record Round(int number, Bare bare, Map<Integer, Level> levels) {

        double latencyRatio() {
            return levels.containsKey(1) ? levels.get(1).percentile(50) / bare.medianMs() : Double.NaN;
        }

        double throughputRatio() {
            return levels.containsKey(8) ? levels.get(8).throughput() / bare.best() : Double.NaN;
        }
    }

    private static final Pattern LATENCY_MICROS = Pattern.compile("\"latencyMicros\":(\\d+)");

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(System.getProperty("strokescan.url", "http://localhost:8080/"));
        Path data = Path.of(System.getProperty("strokescan.data", "data"));
        int seconds = Integer.getInteger("seconds", 30);
        int soakMinutes = Integer.getInteger("soak.minutes", 10);
        List<Integer> levels = Arrays.stream(System.getProperty("clients", "1,2,4,8,16").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        Path images = Path.of(System.getProperty("images", "../shared/data/brain-ct"));
        String label = System.getProperty("label", "");

        List<byte[]> files = images(images);
        long pid = serverPid(base);
        SeededAccounts.Credentials clinician = SeededAccounts.read(data).get("clinician1");

        // warm-up: a server that has just started needs minutes of traffic before its JIT has compiled the request
        // path (measured: CPU per request at 1 client 27.7 ms in the first round after a 60 s warm-up, 19.3 ms two
        // rounds later); the rows are meant to show the steady state
        int warmUp = Integer.getInteger("warmup.seconds", 300);
        System.out.printf(Locale.ROOT, "warm-up: 4 clients for %d s%n", warmUp);
        run(base, clinician, files, 4, warmUp, pid);
        // the soak before the rounds: it warms the server further, and the rounds then show where it settled; the
        // heap that survives a full collection before and after it is what a leak would make grow
        long liveBefore = soakMinutes > 0 ? liveHeapKb(pid) : -1;
        List<long[]> soak = soak(base, clinician, files, 8, soakMinutes, pid);
        long liveAfter = soakMinutes > 0 ? liveHeapKb(pid) : -1;
        // this machine is shared and its speed drifts by tens of percent within minutes: the bare engine and every
        // level run in several rounds, each round's ratios are taken between measurements minutes apart, and the
        // table shows each level's median round
        int rounds = Integer.getInteger("rounds", 3);
        List<Round> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Bare bare = bareEngine(images);
            Map<Integer, Level> byClients = new LinkedHashMap<>();
            for (int clients : levels) {
                Level level = run(base, clinician, files, clients, seconds, pid);
                byClients.put(clients, level);
                System.out.printf(Locale.ROOT, "round %d, %2d clients: %.1f images/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms,"
                                + " %d refused, %d errors, RSS %d MiB, CPU ms/request server %.1f, load generator %.1f,"
                                + " %.2f images per engine call, server's classification p50 %.2f ms%n",
                        round, clients, level.throughput(), level.percentile(50), level.percentile(95),
                        level.percentile(99), level.refusals(), level.errors(), level.rssKb() / 1024,
                        level.serverCpuMsPerRequest(), level.clientCpuMsPerRequest(), level.meanBatch(),
                        level.classificationP50());
            }
            all.add(new Round(round, bare, byClients));
        }
        String section = report(label, files.size(), images, all, levels, soak, seconds, liveBefore, liveAfter);
        System.out.println(section);
        SitePage.replaceSection(System.getProperty("section", "load"), section);
    }

    /** {@code clients} threads, each with its own connection, posting for {@code seconds}. */
    static Level run(URI base, SeededAccounts.Credentials user, List<byte[]> files, int clients, int seconds, long pid)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<List<double[]>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            futures.add(pool.submit(() -> client(base, user, files, offset, clients, running)));
        }
        long start = System.nanoTime();
        double serverCpu = cpuSeconds(pid);
        double clientCpu = cpuSeconds(ProcessHandle.current().pid());
        long[] engineBefore = engineCalls(base);
        Thread.sleep(seconds * 1000L);
        running.set(false);
        List<Double> latencies = new ArrayList<>();
        List<Double> classifications = new ArrayList<>();
        int refusals = 0;
        int errors = 0;
        for (Future<List<double[]>> future : futures) {
            for (double[] call : future.get()) {
                if (call[1] == 201) {
                    latencies.add(call[0]);
                    classifications.add(call[2]);
                } else if (call[1] >= 400 && call[1] < 500) {
                    refusals++;
                } else {
                    errors++;
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        serverCpu = cpuSeconds(pid) - serverCpu;
        clientCpu = cpuSeconds(ProcessHandle.current().pid()) - clientCpu;
        long[] engineAfter = engineCalls(base);
        double meanBatch = (double) (engineAfter[1] - engineBefore[1]) / Math.max(1, engineAfter[0] - engineBefore[0]);
        pool.shutdown();
        return new Level(clients, elapsed, latencies.size(), refusals, errors,
                latencies.stream().mapToDouble(Double::doubleValue).toArray(),
                classifications.stream().mapToDouble(Double::doubleValue).toArray(), rssKb(pid), serverCpu, clientCpu,
                meanBatch);
    }

    /**
     * One client: signs in once, then posts slices until told to stop; each call as {latency ms, status, the
     * server's classification ms}.
     */
    private static List<double[]> client(URI base, SeededAccounts.Credentials user, List<byte[]> files, int offset,
                                         int stride, AtomicBoolean running) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String authorization = Api.basic(user.username(), user.password());
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(base.resolve("api/v1/me"))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
        if (me.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + me.statusCode() + " " + me.body());
        }
        List<byte[]> bodies = files.stream()
                .map(image -> Api.multipart(Map.of(), "image", "slice.png", "image/png", image)).toList();
        List<double[]> calls = new ArrayList<>();
        for (int i = offset; running.get(); i += stride) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/predictions"))
                    .header("Authorization", authorization)
                    .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size()))).build();
            long start = System.nanoTime();
            int status;
            double classification = Double.NaN;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                Matcher micros = LATENCY_MICROS.matcher(response.body());
                if (micros.find()) {
                    classification = Long.parseLong(micros.group(1)) / 1000.0;
                }
            } catch (IOException e) {
                status = -1;
            }
            calls.add(new double[] {(System.nanoTime() - start) / 1e6, status, classification});
        }
        return calls;
    }

    /** Samples {elapsed s, RSS kB, errors so far, images/s} every 30 s while {@code clients} post for {@code minutes}. */
    private static List<long[]> soak(URI base, SeededAccounts.Credentials user, List<byte[]> files, int clients,
                                     int minutes, long pid) throws Exception {
        List<long[]> samples = new ArrayList<>();
        long start = System.nanoTime();
        int errors = 0;
        for (int slice = 0; slice < minutes * 2; slice++) {
            Level level = run(base, user, files, clients, 30, pid);
            errors += level.errors();
            samples.add(new long[] {(System.nanoTime() - start) / 1_000_000_000L, rssKb(pid), errors,
                    Math.round(level.throughput())});
            System.out.printf(Locale.ROOT, "soak %3d s: RSS %d MiB, %d errors, %d images/s%n", samples.getLast()[0],
                    samples.getLast()[1] / 1024, errors, samples.getLast()[3]);
        }
        return samples;
    }

    /** The first 200 slices of the dataset in path order, as the CLI benchmark reads them; phantoms without it. */
    private static List<byte[]> images(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            System.out.println(folder + " is missing: using 200 generated head phantoms");
            return IntStream.range(0, 200).mapToObj(i -> HeadPhantom.png(256, i % 3 == 0, 0.85 + i * 0.001))
                    .toList();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                    .sorted().limit(200).toList();
            List<byte[]> files = new ArrayList<>();
            for (Path p : paths) {
                files.add(Files.readAllBytes(p));
            }
            return files;
        }
    }

    /** The CLI's bare-engine benchmark on the same images, in this run, while the server idles. */
    private static Bare bareEngine(Path images) throws Exception {
        Path out = Path.of("target", "load", "bare-engine");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", "target/strokescan-cli.jar", "benchmark", "--images",
                images.toString(), "--seconds", "5", "--out", out.toString()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the CLI benchmark failed; is target/strokescan-cli.jar built?");
        }
        JsonObject bare = Json.createReader(new StringReader(Files.readString(out.resolve("inference.json")))).readObject();
        return new Bare(bare.getJsonObject("endToEnd").getJsonNumber("medianMs").doubleValue(),
                best(bare.getJsonArray("throughput")), best(bare.getJsonObject("batched").getJsonArray("throughput")));
    }

    /** The Payara Micro that runs strokescan.war on {@code base}'s port (an A/B can run two servers at once). */
    static long serverPid(URI base) {
        String port = "--port " + base.getPort();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains("payara-micro") && c.contains("--deploy")
                        && c.contains("strokescan.war") && c.contains(port)).orElse(false))
                .map(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("no running Payara Micro with strokescan.war on " + port + " found"));
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use right after a full collection of the server ({@code jcmd}), in kB; -1 when jcmd cannot tell. */
    static long liveHeapKb(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes());
        info.waitFor();
        // "garbage-first heap   total reserved 2097152K, committed 2097152K, used 131072K [..."
        Matcher used = Pattern.compile("heap .*? used (\\d+)K").matcher(out);
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }

    /** The server's engine calls and the images they classified so far, from its readiness check. */
    static long[] engineCalls(URI base) throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonObject model = Json.createReader(new StringReader(ready.body())).readObject().getJsonArray("checks")
                .getValuesAs(JsonObject.class).stream().filter(c -> "model".equals(c.getString("name")))
                .findFirst().orElseThrow().getJsonObject("data");
        return new long[] {Long.parseLong(model.get("engineCalls").toString().replace("\"", "")),
                Long.parseLong(model.get("imagesClassified").toString().replace("\"", ""))};
    }

    /** The round with the median throughput, so that all of a row's numbers come from one real run. */
    static Level median(List<Level> rounds) {
        List<Level> sorted = rounds.stream().sorted(Comparator.comparingDouble(Level::throughput)).toList();
        return sorted.get(sorted.size() / 2);
    }

    /** User + system CPU time of a process so far, from {@code /proc/<pid>/stat} (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static String report(String label, int images, Path folder, List<Round> rounds, List<Integer> clients,
                                 List<long[]> soak, int seconds, long liveBefore, long liveAfter) {
        int allErrors = rounds.stream().flatMap(r -> r.levels().values().stream()).mapToInt(Level::errors).sum();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%s%s, %d images of `%s`, %d cores; %d rounds, each the bare engine (CLI"
                        + " `benchmark`, decode + gate + preprocess + engine, 5 s per row) and then every level for %d s;"
                        + " each level's median round shown; errors in all rounds: %d.%n%n",
                Instant.now().toString().substring(0, 16), label.isBlank() ? "" : " (" + label + ")", images, folder,
                Runtime.getRuntime().availableProcessors(), rounds.size(), seconds, allErrors));
        // -Drounds=0 measures the soak alone
        if (!rounds.isEmpty()) {
            md.append("| clients | images/s | p50 ms | p95 ms | p99 ms | refused (4xx) | errors | server RSS MiB"
                    + " | server CPU ms/request | load generator CPU ms/request | images per engine call |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int c : clients) {
                Level level = median(rounds.stream().map(r -> r.levels().get(c)).toList());
                md.append(String.format(Locale.ROOT, "| %d | %.1f | %.2f | %.2f | %.2f | %d | %d | %d | %.1f | %.1f"
                                + " | %.2f |%n", level.clients(), level.throughput(), level.percentile(50),
                        level.percentile(95), level.percentile(99), level.refusals(), level.errors(),
                        level.rssKb() / 1024, level.serverCpuMsPerRequest(), level.clientCpuMsPerRequest(),
                        level.meanBatch()));
            }
        }
        if (!rounds.isEmpty() && clients.contains(1) && clients.contains(8)) {
            md.append("\nRound by round, against the bare engine measured just before:\n\n"
                    + "| round | bare median ms | bare best images/s (one per call / batched) | 1 client p50 ms | ratio"
                    + " | of which the server's classification p50 ms | 8 clients images/s | ratio |\n"
                    + "|---:|---:|---|---:|---:|---:|---:|---:|\n");
            for (Round r : rounds) {
                md.append(String.format(Locale.ROOT, "| %d | %.2f | %.1f / %.1f | %.2f | %.2f× | %.2f | %.1f | %.2f |%n",
                        r.number(), r.bare().medianMs(), r.bare().bestSingle(), r.bare().bestBatched(),
                        r.levels().get(1).percentile(50), r.latencyRatio(), r.levels().get(1).classificationP50(),
                        r.levels().get(8).throughput(), r.throughputRatio()));
            }
            md.append(String.format(Locale.ROOT, "%nMedian over the rounds: end-to-end p50 at 1 client ÷ bare median"
                            + " **%.2f×** (target ≤ 1.3×); throughput at 8 clients ÷ bare best **%.2f** (target ≥ 0.8).%n",
                    medianOf(rounds.stream().mapToDouble(Round::latencyRatio).toArray()),
                    medianOf(rounds.stream().mapToDouble(Round::throughputRatio).toArray())));
        }
        if (!soak.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nSoak, 8 clients for %d s, every 30 s: server RSS %s MiB;"
                            + " images/s %s; %d errors.%n", soak.getLast()[0], join(soak, 1, 1024), join(soak, 3, 1),
                    soak.getLast()[2]));
            md.append(String.format(Locale.ROOT, "Java heap in use right after a full collection (`jcmd GC.run`):"
                    + " %d MiB before the soak, %d MiB after it.%n", liveBefore / 1024, liveAfter / 1024));
        }
        return md.toString();
    }

    private static double medianOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double best(JsonArray rows) {
        return rows.getValuesAs(JsonObject.class).stream()
                .mapToDouble(t -> t.getJsonNumber("imagesPerSecond").doubleValue()).max().orElseThrow();
    }

    private static String join(List<long[]> samples, int column, long divisor) {
        return samples.stream().map(s -> String.valueOf(s[column] / divisor)).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
