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
import org.strokescan.training.HeadPhantom;

/**
 * Issue 18, finding 3: one clinician's upload rate against a running StrokeScan, alone and under a flood of failed
 * sign-ins (8 anonymous clients sending made-up usernames through HTTP Basic): paced at the rate first measured
 * (about 10 attempts/s, when each cost a PBKDF2), and unpaced (each client sends its next attempt as soon as the last
 * is answered). Alternates the phases for several rounds and reports medians, so that the noise of a shared machine
 * falls on all alike.
 * The flood comes from {@code 203.0.113.7} through {@code X-Forwarded-For}: start the server with
 * {@code STROKESCAN_SECURITY_TRUSTED_PROXIES=local} so it is counted as another address than the clinician's.
 * Not a test. Run: {@code mvn -q test-compile exec:exec -Dsign-in-flood -Dpassword=<clinician1's>}.
 */
public final class SignInFloodBenchmark {

    private static final String FLOOD_ADDRESS = "203.0.113.7";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** The clinician alone; the flood at the rate first measured (about 10 attempts/s); the flood as fast as answered. */
    enum Flood { NONE, PACED, UNPACED }

    record Phase(Flood flood, double imagesPerSecond, double p50Ms, int floodChecked, int floodRefused,
                 double seconds) {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(System.getProperty("strokescan.url", "http://localhost:8080/"));
        String user = System.getProperty("user", "clinician1");
        String password = System.getProperty("password");
        int seconds = Integer.getInteger("seconds", 20);
        int rounds = Integer.getInteger("rounds", 3);
        int floodClients = Integer.getInteger("flood.clients", 8);
        double pacedRate = Double.parseDouble(System.getProperty("flood.rate", "10"));
        byte[] slice = HeadPhantom.png(256, true);
        for (int i = 0; i < 5; i++) {
            upload(base, user, password, slice); // warm the credential memory and the engine
        }
        List<Phase> phases = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (Flood flood : Flood.values()) {
                Phase phase = phase(base, user, password, slice, seconds, flood, floodClients, pacedRate);
                phases.add(phase);
                System.out.printf(Locale.ROOT, "round %d %-8s %6.1f images/s  p50 %6.1f ms  flood: %d checked, %d"
                                + " refused (%.1f attempts/s)%n", round + 1, flood,
                        phase.imagesPerSecond(), phase.p50Ms(), phase.floodChecked(), phase.floodRefused(),
                        (phase.floodChecked() + phase.floodRefused()) / phase.seconds());
            }
        }
        double alone = median(phases, Flood.NONE, Phase::imagesPerSecond);
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
                "medians over %d rounds: alone %.1f images/s (p50 %.1f ms)", rounds, alone,
                median(phases, Flood.NONE, Phase::p50Ms)));
        for (Flood flood : List.of(Flood.PACED, Flood.UNPACED)) {
            double rate = median(phases, flood, Phase::imagesPerSecond);
            summary.append(String.format(Locale.ROOT, "; %s flood %.1f images/s (p50 %.1f ms, ratio %.2f, %.0f attempts/s, "
                            + "%.1f hashed/s)", flood.name().toLowerCase(Locale.ROOT), rate, median(phases, flood, Phase::p50Ms),
                    rate / alone, median(phases, flood, p -> (p.floodChecked() + p.floodRefused()) / p.seconds()),
                    median(phases, flood, p -> p.floodChecked() / p.seconds())));
        }
        System.out.println(summary);
    }

    private static double median(List<Phase> phases, Flood flood, java.util.function.ToDoubleFunction<Phase> value) {
        return median(phases.stream().filter(p -> p.flood() == flood).mapToDouble(value).toArray());
    }

    private static Phase phase(URI base, String user, String password, byte[] slice, int seconds, Flood kind,
                               int clients, double pacedRate) throws Exception {
        int floodClients = kind == Flood.NONE ? 0 : clients;
        long pauseNanos = kind == Flood.PACED ? (long) (1e9 * clients / pacedRate) : 0;
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService flood = Executors.newFixedThreadPool(Math.max(1, floodClients));
        for (int i = 0; i < floodClients; i++) {
            flood.submit(() -> {
                while (running.get()) {
                    long sent = System.nanoTime();
                    int status = send(HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                            .header("Authorization", basic("flood-" + UUID.randomUUID(), "Summer2026!"))
                            .header("X-Forwarded-For", FLOOD_ADDRESS).GET().build());
                    (status == 429 ? refused : checked).incrementAndGet();
                    long rest = pauseNanos - (System.nanoTime() - sent);
                    if (rest > 0) {
                        Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                    }
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
        return new Phase(kind, latencies.size() / elapsed,
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
