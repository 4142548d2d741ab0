package org.strokescan.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.strokescan.training.HeadPhantom;

/**
 * Measures what a shadow model costs the clinician: one client uploads single slices back to back through
 * {@code POST /api/v1/predictions} against a running StrokeScan, in alternating blocks without and with a shadow
 * (set and cleared through the API as {@code admin}), so that drift of the shared machine hits both alike. Not a
 * test: it prints the client-side median and p95 of each condition and their ratio, and asserts nothing.
 *
 * <pre>
 * mvn -Prun package      # in another terminal; then
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-classpath %classpath org.strokescan.it.ShadowOverhead strokescan-ich/1.3.0 4 40"
 * </pre>
 */
public final class ShadowOverhead {

    private ShadowOverhead() {
    }

    public static void main(String[] args) throws Exception {
        String shadow = args.length > 0 ? args[0] : "strokescan-ich/1.3.0";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int perBlock = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        URI base = URI.create(System.getProperty("strokescan.url", "http://localhost:8080/"));
        var accounts = SeededAccounts.read(Path.of("data"));
        String clinician = Api.basic("clinician1", accounts.get("clinician1").password());
        String admin = Api.basic("admin", accounts.get("admin").password());
        HttpClient http = HttpClient.newHttpClient();
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        byte[][] slices = {HeadPhantom.png(256, true), HeadPhantom.png(256, false)};
        for (int i = 0; i < 10; i++) {
            upload(http, base, clinician, slices[i % 2]); // warm-up
        }
        for (int round = 0; round < rounds; round++) {
            setShadow(http, base, admin, null);
            for (int i = 0; i < perBlock; i++) {
                without.add(upload(http, base, clinician, slices[i % 2]));
            }
            setShadow(http, base, admin, shadow);
            for (int i = 0; i < perBlock; i++) {
                with.add(upload(http, base, clinician, slices[i % 2]));
            }
        }
        setShadow(http, base, admin, null);
        double[] off = medianAndP95(without);
        double[] on = medianAndP95(with);
        System.out.printf(Locale.ROOT, "single-slice upload, %d rounds of %d: without shadow median %.1f ms, p95 %.1f"
                        + " ms; with shadow %s median %.1f ms, p95 %.1f ms; ratio median %.2f, p95 %.2f%n", rounds,
                perBlock, off[0], off[1], shadow, on[0], on[1], on[0] / off[0], on[1] / off[1]);
    }

    private static long upload(HttpClient http, URI base, String clinician, byte[] png) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/predictions"))
                .header("Authorization", clinician)
                .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Api.multipart(Map.of(), "image", "s.png", "image/png",
                        png))).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long micros = (System.nanoTime() - start) / 1000;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("the upload answered " + response.statusCode() + ": " + response.body());
        }
        return micros;
    }

    /** Sets (or with null clears) the shadow and waits until the server holds it. */
    private static void setShadow(HttpClient http, URI base, String admin, String model) throws Exception {
        String body = "{\"model\":" + (model == null ? "null" : "\"" + model + "\"") + ",\"reason\":\"benchmark\"}";
        http.send(HttpRequest.newBuilder(base.resolve("api/v1/models/shadow")).header("Authorization", admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("health/ready")).build();
        Api.await("the shadow is " + (model == null ? "gone" : model), Duration.ofSeconds(120), () -> {
            String health = http.send(ready, HttpResponse.BodyHandlers.ofString()).body();
            return model == null ? !health.contains("\"shadow\"") : health.contains(model + " READY");
        });
    }

    private static double[] medianAndP95(List<Long> micros) {
        List<Long> sorted = micros.stream().sorted().toList();
        return new double[] {sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1000.0};
    }
}
