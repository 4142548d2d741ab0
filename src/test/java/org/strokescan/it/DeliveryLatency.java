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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.strokescan.training.HeadPhantom;

/**
 * Measures delivery latency, from sign-off (the report queued) to the EHR's acknowledgement, over N signed
 * one-slice examinations, against a running StrokeScan whose {@code STROKESCAN_FHIR_BASE_URL} points at the test
 * EHR this program starts. Not a test: it reports median and p95 and asserts nothing.
 *
 * <pre>
 * STROKESCAN_FHIR_BASE_URL=http://127.0.0.1:18779/fhir mvn -Prun package      # in one shell
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-classpath %classpath org.strokescan.it.DeliveryLatency 100"  # in another
 * </pre>
 */
public final class DeliveryLatency {

    private DeliveryLatency() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        String base = System.getProperty("strokescan.url", "http://localhost:8080/");
        TestEhr ehr = new TestEhr(Integer.getInteger("ehr.port", 18779));
        ehr.start();
        HttpClient http = HttpClient.newHttpClient();
        var accounts = SeededAccounts.read(Path.of("data"));
        String clinician = Api.basic("clinician1", accounts.get("clinician1").password());
        String admin = Api.basic("admin", accounts.get("admin").password());
        try {
            Set<String> examinations = new HashSet<>();
            for (int i = 0; i < count; i++) {
                String body = http.send(json(base + "api/v1/examinations", clinician,
                        "{\"patientId\":\"MRN-L" + UUID.randomUUID().toString().substring(0, 8) + "\"}"),
                        HttpResponse.BodyHandlers.ofString()).body();
                String id = Json.createReader(new StringReader(body)).readObject().getString("id");
                http.send(slice(base, clinician, id, i), HttpResponse.BodyHandlers.ofString());
                http.send(json(base + "api/v1/examinations/" + id + "/signature", clinician, "{\"agrees\":true}"),
                        HttpResponse.BodyHandlers.ofString());
                examinations.add(id);
            }
            List<Long> latencies = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                String body = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/deliveries?state=SENT&max=1000"))
                        .header("Authorization", admin).build(), HttpResponse.BodyHandlers.ofString()).body();
                latencies.clear();
                for (JsonObject m : Json.createReader(new StringReader(body)).readArray().getValuesAs(JsonObject.class)) {
                    if (examinations.contains(m.getString("examinationId")) && m.getString("kind").equals("FINAL")) {
                        latencies.add(Duration.between(Instant.parse(m.getString("createdAt")),
                                Instant.parse(m.getString("sentAt"))).toMillis());
                    }
                }
                if (latencies.size() == count) {
                    break;
                }
                Thread.sleep(1000);
            }
            latencies.sort(null);
            System.out.printf(Locale.ROOT, "final reports delivered: %d of %d; sign-off to EHR acknowledgement: "
                            + "median %d ms, p95 %d ms, max %d ms; EHR transactions received: %d%n", latencies.size(), count,
                    latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1),
                    latencies.getLast(), ehr.transactions());
        } finally {
            ehr.stop();
        }
    }

    private static HttpRequest json(String url, String auth, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest slice(String base, String auth, String examination, int i) throws Exception {
        byte[] png = HeadPhantom.png(256, i % 2 == 0, 0.8 + 0.2 * (i % 100) / 100.0);
        return HttpRequest.newBuilder(URI.create(base + "api/v1/predictions")).header("Authorization", auth)
                .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Api.multipart("examinationId", examination, "s.png", png))).build();
    }
}
