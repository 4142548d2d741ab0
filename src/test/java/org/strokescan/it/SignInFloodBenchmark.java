package org.strokescan.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.strokescan.inference.control.HeadPhantom;

/**
 * Issue 18, finding 3: one clinician's upload rate against a running StrokeScan, alone and under a flood of failed
 * sign-ins (8 anonymous clients sending made-up usernames through HTTP Basic, as first measured). Alternates the
 * two phases for several rounds and reports medians, so that the noise of a shared machine falls on both alike.
 * The flood comes from {@code 203.0.113.7} through {@code X-Forwarded-For}: start the server with
 * {@code STROKESCAN_SECURITY_TRUSTED_PROXIES=local} so it is counted as another address than the clinician's.
 * Not a test. Run: {@code mvn -q test-compile exec:exec -Dsign-in-flood -Dpassword=<clinician1's>}.
 */
public final class SignInFloodBenchmark {

    private static final String FLOOD_ADDRESS = "203.0.113.7";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    record Phase(boolean flood, double imagesPerSecond, double p50Ms, int floodChecked, int floodRefused,
                 double seconds) {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(System.getProperty("strokescan.url", "http://localhost:8080/"));
        String user = System.getProperty("user", "clinician1");
        String password = System.getProperty("password");
        int seconds = Integer.getInteger("seconds", 20);
        int rounds = Integer.getInteger("rounds", 3);
        int floodClients = Integer.getInteger("flood.clients", 8);
        byte[] slice = HeadPhantom.png(256, true);
        for (int i = 0; i < 5; i++) {
            upload(base, user, password, slice); // warm the credential memory and the engine
        }
        List<Phase> phases = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (boolean flood : new boolean[] {false, true}) {
                Phase phase = phase(base, user, password, slice, seconds, flood ? floodClients : 0);
                phases.add(phase);
                System.out.printf(Locale.ROOT, "round %d %-8s %6.1f images/s  p50 %6.1f ms  flood: %d checked, %d"
                                + " refused (%.1f attempts/s)%n", round + 1, flood ? "flood" : "alone",
                        phase.imagesPerSecond(), phase.p50Ms(), phase.floodChecked(), phase.floodRefused(),
                        (phase.floodChecked() + phase.floodRefused()) / phase.seconds());
            }
        }
        double alone = median(phases.stream().filter(p -> !p.flood()).mapToDouble(Phase::imagesPerSecond).toArray());
        double flooded = median(phases.stream().filter(Phase::flood).mapToDouble(Phase::imagesPerSecond).toArray());
        double p50Alone = median(phases.stream().filter(p -> !p.flood()).mapToDouble(Phase::p50Ms).toArray());
        double p50Flooded = median(phases.stream().filter(Phase::flood).mapToDouble(Phase::p50Ms).toArray());
        System.out.printf(Locale.ROOT, "median over %d rounds: alone %.1f images/s (p50 %.1f ms), under the flood %.1f"
                + " images/s (p50 %.1f ms): ratio %.2f%n", rounds, alone, p50Alone, flooded, p50Flooded, flooded / alone);
    }

    private static Phase phase(URI base, String user, String password, byte[] slice,
                               int seconds, int floodClients) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService flood = Executors.newFixedThreadPool(Math.max(1, floodClients));
        for (int i = 0; i < floodClients; i++) {
            flood.submit(() -> {
                while (running.get()) {
                    int status = send(HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                            .header("Authorization", basic("flood-" + UUID.randomUUID(), "Summer2026!"))
                            .header("X-Forwarded-For", FLOOD_ADDRESS).GET().build());
                    (status == 429 ? refused : checked).incrementAndGet();
                }
                return null;
            });
        }
        List<Double> latencies = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end) {
            long sent = System.nanoTime();
            int status = upload(base, user, password, slice);
            if (status == 201) {
                latencies.add((System.nanoTime() - sent) / 1e6);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        flood.shutdown();
        flood.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        return new Phase(floodClients > 0, latencies.size() / elapsed,
                median(latencies.stream().mapToDouble(Double::doubleValue).toArray()), checked.get(), refused.get(),
                elapsed);
    }

    /** One slice classified for a patient, as the load harness sends them. */
    private static int upload(URI base, String user, String password, byte[] slice) {
        return send(HttpRequest.newBuilder(base.resolve("/api/v1/predictions"))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Api.multipart("patientId", "MRN-FLOOD-1", "slice.png", slice)))
                .build());
    }

    private static int send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }
}
