package org.strokescan.it;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.strokescan.training.HeadPhantom;

/**
 * Measures the EHR hook {@code patient-view} against a running StrokeScan that trusts {@link CdsTestEhr}'s keys:
 * fills the database with N one-slice examinations (default 1,000) over N/4 patients, every other one signed, then
 * calls the hook (with prefetch) 20 times to warm up and 300 times measured, for patients picked in turn. Not a test:
 * it reports the client-side median, p95 and max, and asserts nothing.
 *
 * <pre>
 * STROKESCAN_CDS_TRUSTED_EHRS=https://ehr.test.strokescan.org=data/cds-test-ehr/ehr-jwks.json mvn -Prun package
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-classpath %classpath org.strokescan.it.CdsHookLatency 1000"
 * </pre>
 */
public final class CdsHookLatency {

    private static final String MRN_SYSTEM = System.getProperty("mrn.system", "https://strokescan.org/fhir/sid/mrn");

    private CdsHookLatency() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String base = System.getProperty("strokescan.url", "http://localhost:8080/");
        CdsTestEhr ehr = CdsTestEhr.in(Path.of(System.getProperty("cds.keys", "data/cds-test-ehr")));
        HttpClient http = HttpClient.newHttpClient();
        String clinician = Api.basic("clinician1", SeededAccounts.read(Path.of("data")).get("clinician1").password());
        String run = UUID.randomUUID().toString().substring(0, 6);
        int patients = Math.max(1, count / 4);
        for (int i = 0; i < count; i++) {
            String body = http.send(post(base + "api/v1/examinations", clinician, "application/json",
                    "{\"patientId\":\"MRN-H" + run + "-" + i % patients + "\"}"), HttpResponse.BodyHandlers.ofString())
                    .body();
            String id = Json.createReader(new StringReader(body)).readObject().getString("id");
            byte[] png = HeadPhantom.png(256, i % 3 == 0, 0.8 + 0.2 * (i % 100) / 100.0);
            http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/predictions")).header("Authorization", clinician)
                    .header("Content-Type", "multipart/form-data; boundary=" + Api.BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Api.multipart("examinationId", id, "s.png", png)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (i % 2 == 0) {
                http.send(post(base + "api/v1/examinations/" + id + "/signature", clinician, "application/json",
                        "{\"agrees\":" + (i % 4 == 0) + "}"), HttpResponse.BodyHandlers.ofString());
            }
        }
        String service = base + "cds-services/strokescan-patient-view";
        List<Long> micros = new ArrayList<>();
        int cards = 0;
        for (int call = 0; call < 320; call++) {
            String mrn = "MRN-H" + run + "-" + call % patients;
            String body = "{\"hook\":\"patient-view\",\"hookInstance\":\"" + UUID.randomUUID() + "\",\"context\":"
                    + "{\"userId\":\"Practitioner/1\",\"patientId\":\"p" + call + "\"},\"prefetch\":{\"patient\":"
                    + "{\"resourceType\":\"Patient\",\"id\":\"p" + call + "\",\"identifier\":[{\"system\":\""
                    + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\"}]}}}";
            HttpRequest request = post(service, "Bearer " + ehr.token(service), "application/json", body);
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = (System.nanoTime() - start) / 1000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("patient-view answered " + response.statusCode() + ": " + response.body());
            }
            if (call >= 20) {
                micros.add(elapsed);
                cards += Json.createReader(new StringReader(response.body())).readObject().getJsonArray("cards").size();
            }
        }
        micros.sort(null);
        System.out.printf(Locale.ROOT, "patient-view over %d examinations of %d patients, %d calls: median %.1f ms, "
                        + "p95 %.1f ms, max %.1f ms; %.2f cards per call%n", count, patients, micros.size(),
                micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.95) - 1) / 1000.0,
                micros.getLast() / 1000.0, (double) cards / micros.size());
    }

    private static HttpRequest post(String url, String authorization, String type, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
