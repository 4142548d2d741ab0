package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.strokescan.platform.PostgresTestDatabase;

/**
 * A StrokeScan cluster on this machine for the tests, started as an operator starts one: by
 * {@code payara-config/cluster/cluster.sh} (its nodes, then HAProxy), on free ports, in a database and a data folder
 * of its own; further nodes by {@code node.sh}. Logs go to target/failsafe-reports/&lt;name&gt;-*.txt.
 */
final class TestCluster implements AutoCloseable {

    /** Node slots: the nodes cluster.sh starts, and one spare HAProxy watches for a node added later. */
    private static final int SLOTS = 4;

    private final String name;
    private final Path data;
    private final PostgresTestDatabase database;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI entry;
    private final int firstNodePort;

    /**
     * Starts {@code nodes} nodes and HAProxy, and waits until every node is ready and sees the others.
     *
     * @param extra environment for the nodes (an EHR, for instance)
     */
    static TestCluster start(String name, int nodes, Map<String, String> extra) throws Exception {
        TestCluster cluster = new TestCluster(name, extra);
        try {
            cluster.launch(nodes);
            for (int i = 1; i <= nodes; i++) {
                cluster.awaitNode(i, nodes);
            }
            cluster.awaitEntry();
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    private TestCluster(String name, Map<String, String> extra) throws IOException {
        this.name = name;
        data = Path.of("target", name + "-data").toAbsolutePath();
        deleteRecursively(data);
        Files.createDirectories(Path.of("target", "failsafe-reports"));
        database = PostgresTestDatabase.create(name.toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
        entry = URI.create("http://127.0.0.1:" + freePorts(1));
        firstNodePort = freePorts(SLOTS);
        int firstGridPort = freePorts(SLOTS);
        environment.put("STROKESCAN_HTTP_PORT", String.valueOf(entry.getPort()));
        environment.put("STROKESCAN_CLUSTER_FIRST_PORT", String.valueOf(firstNodePort));
        environment.put("STROKESCAN_CLUSTER_GRID_PORT", String.valueOf(firstGridPort));
        // a name of its own, so that it never joins another cluster on this machine
        environment.put("STROKESCAN_CLUSTER_NAME", name + "-" + firstGridPort);
        environment.put("STROKESCAN_CLUSTER_MEMBERS", String.join(",", IntStream.range(0, SLOTS)
                .mapToObj(i -> "127.0.0.1:" + (firstGridPort + i)).toList()));
        environment.put("STROKESCAN_CLUSTER_INTERFACE", "127.0.0.1");
        environment.put("STROKESCAN_DATA_DIR", data.toString());
        environment.put("STROKESCAN_DB_URL", database.url());
        environment.put("STROKESCAN_DB_USER", PostgresTestDatabase.USER);
        environment.put("STROKESCAN_DEMO", "true");
        environment.put("STROKESCAN_HEAP", "768m");
        environment.put("STROKESCAN_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.putAll(extra);
    }

    private void launch(int nodes) throws IOException {
        ProcessBuilder cluster = new ProcessBuilder("bash", "payara-config/cluster/cluster.sh").redirectErrorStream(true)
                .redirectOutput(log("cluster").toFile());
        cluster.environment().putAll(environment);
        cluster.environment().put("STROKESCAN_CLUSTER_NODES", String.valueOf(nodes));
        cluster.environment().put("STROKESCAN_CLUSTER_SPARE", String.valueOf(SLOTS - nodes));
        processes.add(cluster.start());
    }

    /** Starts node {@code index} with node.sh, as a node joining the running cluster. */
    void startNode(int index) throws IOException {
        ProcessBuilder node = new ProcessBuilder("bash", "payara-config/cluster/node.sh", "node" + index,
                String.valueOf(firstNodePort + index - 1),
                environment.get("STROKESCAN_CLUSTER_MEMBERS").split(",")[index - 1].split(":")[1])
                .redirectErrorStream(true).redirectOutput(log("node" + index).toFile());
        node.environment().putAll(environment);
        processes.add(node.start());
    }

    /**
     * Waits until node {@code index} is ready (every check up: 200, not just its cluster check while the model still
     * loads) and its data grid has {@code members} members.
     */
    void awaitNode(int index, int members) throws Exception {
        URI ready = node(index).resolve("/health/ready");
        Api.await("node" + index + " ready with " + members + " members", Duration.ofSeconds(300), () -> {
            assertTrue(processes.getFirst().isAlive(), "cluster.sh stopped; see " + log("cluster"));
            HttpResponse<String> response = get(ready);
            if (response == null || response.statusCode() != 200) {
                return false;
            }
            // 200 is MicroProfile Health's answer when every check is up
            return Json.createReader(new StringReader(response.body())).readObject().getJsonArray("checks")
                    .getValuesAs(JsonObject.class).stream()
                    .filter(check -> "cluster".equals(check.getString("name")))
                    .map(check -> check.getJsonObject("data"))
                    .anyMatch(data -> ("node" + index).equals(data.getString("node"))
                            && String.valueOf(members).equals(data.getString("clusterSize")));
        });
    }

    private void awaitEntry() throws Exception {
        Api.await("HAProxy", Duration.ofSeconds(30), () -> status(entry.resolve("/health/ready")) == 200);
    }

    /** Where clients go: HAProxy. */
    URI entry() {
        return entry;
    }

    /** Node {@code index} itself, past HAProxy. */
    URI node(int index) {
        return URI.create("http://127.0.0.1:" + (firstNodePort + index - 1));
    }

    Path data() {
        return data;
    }

    PostgresTestDatabase database() {
        return database;
    }

    /** The JVM of a node, from the pid file node.sh writes. */
    OptionalLong pid(String node) throws IOException {
        Path file = data.resolve("cluster").resolve(node + ".pid");
        return Files.exists(file) ? OptionalLong.of(Long.parseLong(Files.readString(file).strip())) : OptionalLong.empty();
    }

    /** CPU seconds a node's JVM used so far (user and system, from /proc). */
    double cpuSeconds(String node) throws IOException {
        OptionalLong pid = pid(node);
        if (pid.isEmpty() || !Files.exists(Path.of("/proc", String.valueOf(pid.getAsLong()), "stat"))) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid.getAsLong()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are the 14th and 15th fields of the line, in clock ticks (100 per second on Linux)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** A metric of node {@code index} (its /metrics, Prometheus text), summed over its series; 0 when absent. */
    double metric(int index, String name) {
        return body(node(index).resolve("/metrics")).lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    String body(URI uri) {
        HttpResponse<String> response = get(uri);
        return response == null ? "" : response.body();
    }

    /** The answer to a GET, or null when none came. */
    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private Path log(String part) {
        return Path.of("target", "failsafe-reports", name + "-" + part + ".txt");
    }

    /** Stops HAProxy and every node (cluster.sh stops its own on SIGTERM), kills what is left, drops the database. */
    @Override
    public void close() throws Exception {
        for (Process process : processes.reversed()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        Path pids = data.resolve("cluster");
        if (Files.isDirectory(pids)) {
            try (var files = Files.list(pids)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        database.close();
    }

    /** The first of {@code count} consecutive free ports. */
    private static int freePorts(int count) throws IOException {
        for (int tries = 0; tries < 50; tries++) {
            int first;
            try (ServerSocket socket = new ServerSocket(0)) {
                first = socket.getLocalPort();
            }
            boolean free = first + count < 65_000;
            for (int port = first; port < first + count && free; port++) {
                try (ServerSocket probe = new ServerSocket(port)) {
                    free = probe.getLocalPort() == port;
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + count + " consecutive free ports");
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
