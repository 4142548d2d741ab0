package org.strokescan.it;

import java.io.IOException;
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
import java.util.List;
import java.util.Locale;
import org.strokescan.training.HeadPhantom;

/**
 * Cold start, measured as a user meets it: the README's run command ({@code mvn -Prun package}, the build up to
 * date) until {@code /health/ready} says READY, and until the first slice is classified; also from the server
 * JVM's own start to that first prediction. Three runs, the app stopped in between. Not a test. Run with the app
 * stopped (see the README): {@code mvn -q test-compile exec:exec -Dcold.start}; writes its table into
 * {@code src/site/markdown/performance.md}.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(System.getProperty("strokescan.url", "http://localhost:8080/"));
        Path data = Path.of(System.getProperty("strokescan.data", "data"));
        int runs = Integer.getInteger("runs", 3);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Files.createDirectories(Path.of("target", "load"));
        List<double[]> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            Process maven = new ProcessBuilder("mvn", "-q", "-Prun", "package").redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "load", "cold-start-" + run + ".log").toFile()).start();
            try {
                await(maven, () -> get(http, base.resolve("health/ready")).contains("\"state\":\"READY\""));
                double ready = (System.nanoTime() - start) / 1e9;
                byte[] slice = HeadPhantom.png(256, true);
                await(maven, () -> Files.exists(data.resolve("initial-credentials.txt"))
                        && predict(base, data, slice) == 201);
                double first = (System.nanoTime() - start) / 1e9;
                Instant jvmStart = ProcessHandle.of(LoadHarness.serverPid(base)).orElseThrow().info().startInstant().orElseThrow();
                double fromJvm = Duration.between(jvmStart, Instant.now()).toMillis() / 1e3;
                results.add(new double[] {ready, first, fromJvm});
                System.out.printf(Locale.ROOT, "run %d: ready %.1f s, first prediction %.1f s (%.1f s after the server"
                        + " JVM started)%n", run, ready, first, fromJvm);
            } finally {
                maven.descendants().forEach(ProcessHandle::destroy);
                maven.destroy();
                maven.waitFor();
                await(null, () -> {
                    try {
                        get(http, base.resolve("health/live"));
                        return false;
                    } catch (IOException e) {
                        return true; // the port is closed: stopped
                    }
                });
            }
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%s, %d runs, build up to date, warm Maven"
                + " cache, H2 database and credentials already created by an earlier start.%n%n",
                Instant.now().toString().substring(0, 16), runs));
        md.append("| run | command → ready s | command → first prediction s | server JVM start → first prediction s |\n"
                + "|---:|---:|---:|---:|\n");
        for (int i = 0; i < results.size(); i++) {
            double[] r = results.get(i);
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f |%n", i + 1, r[0], r[1], r[2]));
        }
        md.append(String.format(Locale.ROOT, "| median | %.1f | %.1f | %.1f |%n", median(results, 0), median(results, 1),
                median(results, 2)));
        System.out.println(md);
        SitePage.replaceSection("coldstart", md.toString());
    }

    private static int predict(URI base, Path data, byte[] slice) throws Exception {
        SeededAccounts.Credentials clinician = SeededAccounts.read(data).get("clinician1");
        return Api.addSlice(base, clinician.username(), clinician.password(), null, "slice.png", slice).statusCode();
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void await(Process maven, Api.Check check) throws Exception {
        Api.await("the server", Duration.ofMinutes(5), () -> {
            if (maven != null && !maven.isAlive()) {
                throw new IllegalStateException("the run command stopped; see target/load/cold-start-*.log");
            }
            try {
                return check.holds();
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static double median(List<double[]> results, int column) {
        double[] values = results.stream().mapToDouble(r -> r[column]).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
