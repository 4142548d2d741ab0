package org.strokescan.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Asks {@code /health/ready} every 250 ms in the background, counting every answer other than 200. */
final class HealthProbe {

    record Result(int probes, int failures, long slowestMillis) {
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong slowest = new AtomicLong();
    private final Thread thread;

    private HealthProbe(URI base) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("health/ready")).timeout(Duration.ofSeconds(10)).build();
        thread = Thread.ofPlatform().daemon().name("health-probe").start(() -> {
            while (running.get()) {
                long start = System.nanoTime();
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
                probes.incrementAndGet();
                slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static HealthProbe start(URI base) {
        return new HealthProbe(base);
    }

    Result stop() throws InterruptedException {
        running.set(false);
        thread.join();
        return new Result(probes.get(), failures.get(), slowest.get());
    }
}
