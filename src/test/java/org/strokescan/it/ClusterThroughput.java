package org.strokescan.it;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.strokescan.training.HeadPhantom;

/**
 * Throughput of the cluster with 1, 2 and 3 nodes on this machine: 8 clients through HAProxy, each creating an
 * examination, uploading one slice and signing it, without pause, for a fixed time after a warm-up; and the CPU the
 * nodes' JVMs used per examination (from /proc). Not a test: a measurement for the README, run with
 * {@code mvn -q package -DskipTests && mvn -q test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-classpath %classpath org.strokescan.it.ClusterThroughput"} (PostgreSQL and
 * haproxy needed, about 10 minutes).
 */
public final class ClusterThroughput {

    private static final int CLIENTS = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(30);
    private static final Duration MEASURED = Duration.ofSeconds(60);

    private ClusterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| nodes | examinations/s | CPU s per examination (all nodes) | audit head wait, mean | failed |");
        rows.add("|---|---|---|---|---|");
        for (int nodes = 1; nodes <= 3; nodes++) {
            try (TestCluster cluster = TestCluster.start("ClusterThroughput", nodes, Map.of())) {
                rows.add(measure(cluster, nodes));
                System.out.println(rows.getLast());
            }
        }
        System.out.println(String.join("\n", rows));
    }

    private static String measure(TestCluster cluster, int nodes) throws Exception {
        SeededAccounts.Credentials clinician = SeededAccounts.read(cluster.data()).get("clinician1");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            work.add(clients.submit(() -> {
                for (int n = 0; !stop.get(); n++) {
                    if (examination(http, cluster.entry(), clinician, "MRN-T%d%05d".formatted(client, n))) {
                        done.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(WARM_UP.toMillis());
        int before = done.get();
        double cpuBefore = cpu(cluster, nodes);
        long start = System.nanoTime();
        Thread.sleep(MEASURED.toMillis());
        int examinations = done.get() - before;
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpu(cluster, nodes) - cpuBefore;
        stop.set(true);
        for (Future<?> client : work) {
            client.get();
        }
        clients.shutdown();
        double waitSum = 0;
        double waitCount = 0;
        for (int i = 1; i <= nodes; i++) {
            waitSum += cluster.metric(i, "strokescan_audit_head_wait_seconds_sum");
            waitCount += cluster.metric(i, "strokescan_audit_head_wait_seconds_count");
        }
        return "| %d | %.2f | %.3f | %.1f ms over %.0f records | %d |".formatted(nodes, examinations / seconds,
                cpu / Math.max(1, examinations), 1000 * waitSum / Math.max(1, waitCount), waitCount, errors.get());
    }

    private static double cpu(TestCluster cluster, int nodes) throws Exception {
        double total = 0;
        for (int i = 1; i <= nodes; i++) {
            total += cluster.cpuSeconds("node" + i);
        }
        return total;
    }

    /** @return whether all three requests succeeded */
    private static boolean examination(HttpClient http, URI entry, SeededAccounts.Credentials user, String patient)
            throws Exception {
        HttpResponse<String> created = send(http, entry, user, "/api/v1/examinations", "application/json",
                ("{\"patientId\":\"" + patient + "\"}").getBytes(StandardCharsets.UTF_8));
        if (created.statusCode() != 201) {
            return failed(created);
        }
        String id = Json.createReader(new StringReader(created.body())).readObject().getString("id");
        HttpResponse<String> upload = send(http, entry, user, "/api/v1/predictions", "multipart/form-data; boundary="
                + Api.BOUNDARY, Api.multipart("examinationId", id, "slice.png", HeadPhantom.png(256, true)));
        if (upload.statusCode() != 201) {
            return failed(upload);
        }
        HttpResponse<String> signed = send(http, entry, user, "/api/v1/examinations/" + id + "/signature",
                "application/json", "{\"agrees\":false}".getBytes(StandardCharsets.UTF_8));
        return signed.statusCode() == 201 || failed(signed);
    }

    private static boolean failed(HttpResponse<String> response) {
        System.out.println("failed: " + response.statusCode() + " " + response.uri() + " "
                + response.body().substring(0, Math.min(200, response.body().length())));
        return false;
    }

    private static HttpResponse<String> send(HttpClient http, URI entry, SeededAccounts.Credentials user, String path,
                                             String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(entry.resolve(path))
                .header("Authorization", Api.basic(user.username(), user.password())).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
