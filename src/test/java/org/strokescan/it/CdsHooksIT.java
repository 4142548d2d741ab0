package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Patient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.strokescan.training.HeadPhantom;

/**
 * StrokeScan's CDS Hooks 2.0 service as an EHR meets it: discovery, {@code patient-view} cards for what StrokeScan
 * knows of the patient in context (prefetched, or read from the EHR's FHIR server with the token the EHR gave),
 * refusals of every kind of bad call (each audited, none telling the caller which check failed), feedback, CORS and
 * the card's link into StrokeScan. The test plays the EHR: it makes its own signing keys and writes their public
 * JWKS where failsafe's {@code STROKESCAN_CDS_TRUSTED_EHRS} points the server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CdsHooksIT {

    static final String MRN_SYSTEM = "https://hospital.example.org/fhir/sid/mrn";
    static final String OTHER_SYSTEM = "https://other-hospital.example/mrn";
    static final String SERVICE = "strokescan-patient-view";
    static final String OVERRIDE_SYSTEM = "https://strokescan.org/fhir/CodeSystem/cds-override-reason";
    static final Set<String> INDICATORS = Set.of("info", "warning", "critical");

    /** The trusted issuer and its JWKS file, as failsafe configures the server (pom.xml). */
    static String issuer;
    static Path jwksFile;
    static RSAKey rsaKey;
    static ECKey ecKey;
    static TestEhr ehr;

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/strokescan.war"));
    }

    /** The EHR's keys: the server reads the JWKS file on first use, so it must exist before the first hook call. */
    @BeforeAll
    static void becomeTheTrustedEhr() throws Exception {
        String trusted = System.getenv().getOrDefault("STROKESCAN_CDS_TRUSTED_EHRS",
                "https://ehr.test.strokescan.org=target/cds-it/ehr-jwks.json");
        issuer = trusted.substring(0, trusted.indexOf('='));
        jwksFile = Path.of(trusted.substring(trusted.indexOf('=') + 1));
        rsaKey = new RSAKeyGenerator(2048).keyID("ehr-rs-1").generate();
        ecKey = new ECKeyGenerator(Curve.P_384).keyID("ehr-ec-1").generate();
        Files.createDirectories(jwksFile.getParent());
        // written whole and then moved: the server never reads half a file
        Path temporary = Files.createTempFile(jwksFile.getParent(), "jwks", ".tmp");
        Files.writeString(temporary, new JWKSet(List.<JWK>of(rsaKey.toPublicJWK(), ecKey.toPublicJWK())).toString());
        Files.move(temporary, jwksFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ehr = new TestEhr(TestEhr.testPort());
        ehr.start();
    }

    @AfterAll
    static void stopEhr() throws Exception {
        ehr.stop();
    }

    @BeforeEach
    void modelIsReady() throws Exception {
        Api.awaitModel(api());
    }

    // --- discovery ---

    @Test
    void discoveryNamesThePatientViewServiceWithoutAToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root() + "/cds-services")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        JsonArray services = json(response.body()).getJsonArray("services");
        assertNotNull(services, response.body());
        for (JsonObject service : services.getValuesAs(JsonObject.class)) {
            for (String field : List.of("hook", "id", "description")) {
                assertFalse(service.getString(field, "").isBlank(), field + " in " + service);
            }
            if (service.containsKey("prefetch")) {
                assertEquals(JsonValue.ValueType.OBJECT, service.get("prefetch").getValueType(), service.toString());
            }
        }
        JsonObject patientView = services.getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("id").equals(SERVICE)).findFirst().orElseThrow();
        assertEquals("patient-view", patientView.getString("hook"));
        assertEquals("Patient/{{context.patientId}}", patientView.getJsonObject("prefetch").getString("patient"));
    }

    // --- cards ---

    @Test
    void anUnreviewedSuspectedStudyIsOneCriticalCard() throws Exception {
        String mrn = newMrn();
        String examination = examination(mrn);
        assertEquals("SUSPECTED", aiVerdict(examination),
                "the bleed phantom is flagged by the active model (every phantom scores far above its threshold)");

        HttpResponse<String> response = call(bearer(rs384(claims(serviceUrl()))), prefetched(mrn));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""), "CORS");
        JsonObject card = onlyCard(response);
        assertEquals("critical", card.getString("indicator"));
        assertTrue(card.getString("summary").startsWith("Possible intracranial haemorrhage on head CT of"),
                card.getString("summary"));
        assertTrue(card.getString("summary").contains("not yet reviewed"), card.getString("summary"));
        assertTrue(card.getString("detail").contains("No clinician has reviewed it yet"), card.getString("detail"));

        AuditEvent called = single(AuditApi.about(AuditApi.recent(api()), "patient " + mrn, "CDS_HOOK_CALLED"));
        assertEquals("cds-hooks", AuditApi.actor(called));
    }

    @Test
    void aSignedFindingOfHaemorrhageIsAWarningAndOfNoneInformation() throws Exception {
        String positive = newMrn();
        signedWithFinding(positive, true);
        // this EHR signs with its EC key: ES384 is the other algorithm the specification requires
        HttpResponse<String> warning = call(bearer(es384(claims(serviceUrl()))), prefetched(positive));
        assertEquals(200, warning.statusCode(), warning.body());
        JsonObject card = onlyCard(warning);
        assertEquals("warning", card.getString("indicator"));
        assertTrue(card.getString("summary").startsWith("Intracranial haemorrhage on head CT of"),
                card.getString("summary"));
        assertTrue(card.getString("summary").contains("by clinician1"), card.getString("summary"));

        String negative = newMrn();
        signedWithFinding(negative, false);
        HttpResponse<String> info = call(bearer(rs384(claims(serviceUrl()))), prefetched(negative));
        assertEquals(200, info.statusCode(), info.body());
        card = onlyCard(info);
        assertEquals("info", card.getString("indicator"));
        assertTrue(card.getString("summary").startsWith("No intracranial haemorrhage on head CT of"),
                card.getString("summary"));
    }

    @Test
    void anUnknownPatientOrAnotherHospitalsIdentifierGetsNoCards() throws Exception {
        HttpResponse<String> unknown = call(bearer(rs384(claims(serviceUrl()))), prefetched(newMrn()));
        assertEquals(200, unknown.statusCode(), unknown.body());
        assertEquals(0, cards(unknown).size(), unknown.body());

        // StrokeScan has a study for this MRN, but the EHR's patient carries the value in another hospital's system
        String mrn = newMrn();
        examination(mrn);
        HttpResponse<String> other = call(bearer(rs384(claims(serviceUrl()))),
                hook("example", "\"prefetch\":{\"patient\":" + patientJson(OTHER_SYSTEM, mrn) + "}"));
        assertEquals(200, other.statusCode(), other.body());
        assertEquals(0, cards(other).size(), "another system's identifier is not our MRN: " + other.body());
        // and the same call with our system does find it: the empty answer above was the system's doing
        assertEquals(1, cards(call(bearer(rs384(claims(serviceUrl()))), prefetched(mrn))).size());
    }

    @Test
    void withoutPrefetchThePatientIsReadFromTheEhrWithTheTokenItGave() throws Exception {
        String mrn = newMrn();
        examination(mrn);
        String patientId = ehr.addPatient(patient(MRN_SYSTEM, mrn));
        String accessToken = "ehr-access-" + UUID.randomUUID();

        HttpResponse<String> response = call(bearer(rs384(claims(serviceUrl()))),
                fromFhirServer(patientId, ehrFhirBase(), accessToken));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("critical", onlyCard(response).getString("indicator"));
        List<TestEhr.Received> reads = ehr.received().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/fhir/Patient/" + patientId)).toList();
        assertEquals(1, reads.size(), ehr.received().toString());
        assertEquals("Bearer " + accessToken, reads.getFirst().authorization(), "the EHR's access token, as given");

        // a patient the EHR's server does not have: no cards
        HttpResponse<String> absent = call(bearer(rs384(claims(serviceUrl()))),
                fromFhirServer("no-such-patient", ehrFhirBase(), accessToken));
        assertEquals(200, absent.statusCode(), absent.body());
        assertEquals(0, cards(absent).size(), absent.body());
    }

    // --- refusals ---

    /** One bad call: what it is, the status it must get, and how it is sent. */
    private record Refusal(String name, int status, Call call) {
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    @Test
    void everyBadCallIsRefusedWithoutSayingWhyAndAudited() throws Exception {
        String mrn = newMrn();
        examination(mrn);
        String body = prefetched(mrn);
        Instant now = Instant.now();

        // the same valid token twice: answered once, then refused as a replay
        String once = rs384(claims(serviceUrl()));
        assertEquals(200, call(bearer(once), body).statusCode(), "the first use of a token is answered");

        RSAKey impostor = new RSAKeyGenerator(2048).keyID(rsaKey.getKeyID()).generate(); // same kid, other key
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger elsewhereRequests = new AtomicInteger();
        elsewhere.createContext("/", exchange -> {
            elsewhereRequests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        elsewhere.start();
        try {
            String notAllowed = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/fhir";
            String patientId = ehr.addPatient(patient(MRN_SYSTEM, mrn));
            List<Refusal> refusals = List.of(
                    new Refusal("no Authorization header", 401, () -> call(null, body)),
                    new Refusal("signed with a key not in the EHR's JWKS", 401,
                            () -> call(bearer(sign(new RSASSASigner(impostor), JWSAlgorithm.RS384, impostor.getKeyID(),
                                    claims(serviceUrl()))), body)),
                    new Refusal("expired ten minutes ago", 401, () -> call(bearer(rs384(claims(serviceUrl())
                            .issueTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(600))))),
                            body)),
                    new Refusal("exp an hour ahead", 401, () -> call(bearer(rs384(claims(serviceUrl())
                            .expirationTime(Date.from(now.plusSeconds(3600))))), body)),
                    new Refusal("another audience", 401,
                            () -> call(bearer(rs384(claims("https://other.example.org/cds-services/" + SERVICE))), body)),
                    new Refusal("untrusted issuer", 401,
                            () -> call(bearer(rs384(claims(serviceUrl()).issuer("https://evil.example.org"))), body)),
                    new Refusal("replayed jti", 401, () -> call(bearer(once), body)),
                    new Refusal("alg none", 401, () -> call(bearer(unsigned(claims(serviceUrl()))), body)),
                    new Refusal("HS256 with a shared secret", 401, () -> call(bearer(hs256(claims(serviceUrl()))), body)),
                    new Refusal("fhirServer not allowed", 412, () -> call(bearer(rs384(claims(serviceUrl()))),
                            fromFhirServer(patientId, notAllowed, "token-for-elsewhere"))),
                    new Refusal("malformed JSON", 400, () -> call(bearer(rs384(claims(serviceUrl()))),
                            body.substring(0, body.length() - 3))),
                    new Refusal("1 MB body", 413, () -> call(bearer(rs384(claims(serviceUrl()))),
                            hook(mrn, "\"prefetch\":{\"patient\":" + patientJson(MRN_SYSTEM, mrn) + "},\"padding\":\""
                                    + "x".repeat(1 << 20) + "\""))));

            Set<String> tokenDetails = new HashSet<>();
            for (Refusal refusal : refusals) {
                long before = refused();
                HttpResponse<String> response = refusal.call().send();
                String what = refusal.name() + ": HTTP " + response.statusCode() + " " + response.body();
                assertEquals(refusal.status(), response.statusCode(), what);
                assertTrue(response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json"), what + " " + response.headers());
                assertFalse(response.body().contains(mrn), "the answer does not repeat the MRN: " + what);
                String sent = response.request().headers().firstValue("Authorization").orElse("");
                if (sent.length() > "Bearer ".length()) {
                    assertFalse(response.body().contains(sent.substring("Bearer ".length())), "nor the token: " + what);
                }
                if (refusal.status() == 401) {
                    assertEquals("Bearer error=\"invalid_token\"",
                            response.headers().firstValue("WWW-Authenticate").orElse(""), what);
                    tokenDetails.add(json(response.body()).getString("detail", ""));
                }
                assertEquals(before + 1, refused(), "one CDS_HOOK_REFUSED record for " + refusal.name());
            }
            // every refused token reads the same: the caller learns nothing of which check failed
            assertEquals(1, tokenDetails.size(), tokenDetails.toString());
            assertEquals(0, elsewhereRequests.get(), "no request went to a FHIR server off the allow-list");
        } finally {
            elsewhere.stop(0);
        }
        List<AuditEvent> refusedEvents = AuditApi.recent(api()).stream()
                .filter(e -> e.getSubtype().stream().anyMatch(c -> c.getCode().equals("CDS_HOOK_REFUSED"))).toList();
        assertTrue(refusedEvents.stream().allMatch(e -> AuditApi.actor(e).equals("cds-hooks")),
                "refusals are the hooks' own records");
    }

    // --- feedback ---

    @Test
    void feedbackOnACardIsStoredAndOnAnUnknownCardRefused() throws Exception {
        String mrn = newMrn();
        examination(mrn);
        String card = onlyCard(call(bearer(rs384(claims(serviceUrl()))), prefetched(mrn))).getString("uuid");
        String feedbackUrl = serviceUrl() + "/feedback";

        HttpResponse<String> stored = call(feedbackUrl, bearer(rs384(claims(feedbackUrl))), feedback(card));
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals(Json.createObjectBuilder().build(), json(stored.body()));
        AuditEvent received = single(AuditApi.about(AuditApi.recent(api()), "patient " + mrn, "CDS_FEEDBACK_RECEIVED"));
        assertEquals("cds-hooks", AuditApi.actor(received));

        // the EHR resends the same outcome (its answer was lost): stored once
        assertEquals(200, call(feedbackUrl, bearer(rs384(claims(feedbackUrl))), feedback(card)).statusCode());
        assertEquals(1, AuditApi.about(AuditApi.recent(api()), "patient " + mrn, "CDS_FEEDBACK_RECEIVED").size());
        // auditors see it beside the clinicians' agreement
        FacesClient auditor = new FacesClient(api());
        auditor.login("auditor1", SeededAccounts.get("auditor1").password());
        Document history = Jsoup.parse(auditor.get("/auditor/index.xhtml").body());
        assertTrue(history.select("#cdsFeedbackSummary").text().matches(".*overridden [1-9].*"),
                history.select("#cdsFeedback").text());
        assertTrue(history.select("#cdsFeedback").text().contains("Already aware of this result"),
                history.select("#cdsFeedback").text());

        HttpResponse<String> unknown = call(feedbackUrl, bearer(rs384(claims(feedbackUrl))),
                feedback(UUID.randomUUID().toString()));
        assertEquals(400, unknown.statusCode(), unknown.body());
        // the token's audience is the URL called: the service's own token does not open its feedback
        assertEquals(401, call(feedbackUrl, bearer(rs384(claims(serviceUrl()))), feedback(card)).statusCode());
    }

    // --- CORS ---

    @Test
    void aBrowserPreflightIsAnsweredForAnyOrigin() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serviceUrl()))
                .header("Origin", "https://ehr.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), response.headers() + " " + response.body());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"),
                response.headers().toString());
        String allowed = response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase();
        assertTrue(allowed.contains("authorization") && allowed.contains("content-type"), response.headers().toString());
    }

    // --- the card's link ---

    @Test
    void aCardsLinkOpensTheStudyOnceForItsClinician() throws Exception {
        String mrn = newMrn();
        String examination = examination(mrn);
        JsonObject card = onlyCard(call(bearer(rs384(claims(serviceUrl()))), prefetched(mrn)));
        String link = card.getJsonArray("links").getJsonObject(0).getString("url");
        assertTrue(link.startsWith(root() + "/launch.xhtml?token="), link);
        assertFalse(link.contains(mrn), "the link does not carry the MRN: " + link);

        // another clinician signed in: told whose study it is, and the link stays valid for its clinician
        FacesClient colleague = new FacesClient(api());
        colleague.login("clinician2", SeededAccounts.get("clinician2").password());
        HttpResponse<String> notTheirs = colleague.get(link);
        assertEquals(200, notTheirs.statusCode(), notTheirs.body());
        assertTrue(notTheirs.body().contains("This study was uploaded by clinician1"), notTheirs.body());

        // from the EHR without a StrokeScan session: the sign-in page first, then on to the examination
        FacesClient clinician = new FacesClient(api());
        HttpResponse<String> first = clinician.get(link);
        assertTrue(FacesClient.location(first).contains("/login.xhtml"), first.statusCode() + " "
                + FacesClient.location(first));
        String loginPage = FacesClient.location(first);
        HttpResponse<String> signedIn = clinician.submit(loginPage.substring(loginPage.indexOf("/login.xhtml")),
                "login", "submit", Map.of("username", "clinician1",
                        "password", SeededAccounts.get("clinician1").password()));
        assertTrue(FacesClient.location(signedIn).contains("/launch.xhtml?token="), "sign-in returns to the link: "
                + FacesClient.location(signedIn));
        HttpResponse<String> opened = clinician.get(FacesClient.location(signedIn));
        assertTrue(opened.statusCode() == 302 || opened.statusCode() == 303, opened.statusCode() + " " + opened.body());
        assertTrue(FacesClient.location(opened).contains("clinician/examination.xhtml?id=" + examination),
                FacesClient.location(opened));

        HttpResponse<String> again = clinician.get(link);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(again.body().contains("was used before"), again.body());
    }

    // --- helpers: the EHR's side ---

    private URI api() {
        return URI.create(base.toString());
    }

    /** The deployment's URL without the trailing slash, as the server derives it from the request. */
    private String root() {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String serviceUrl() {
        return root() + "/cds-services/" + SERVICE;
    }

    private static String ehrFhirBase() {
        return "http://127.0.0.1:" + TestEhr.testPort() + "/fhir";
    }

    /** Claims of a valid call to {@code audience}: four minutes to live, a fresh jti. */
    private static JWTClaimsSet.Builder claims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(240))).jwtID(UUID.randomUUID().toString());
    }

    private static String rs384(JWTClaimsSet.Builder claims) throws Exception {
        return sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS384, rsaKey.getKeyID(), claims);
    }

    private static String es384(JWTClaimsSet.Builder claims) throws Exception {
        return sign(new ECDSASigner(ecKey), JWSAlgorithm.ES384, ecKey.getKeyID(), claims);
    }

    /** HMAC with a shared secret: a signature anyone holding the secret can make, which the spec forbids. */
    private static String hs256(JWTClaimsSet.Builder claims) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return sign(new MACSigner(secret), JWSAlgorithm.HS256, rsaKey.getKeyID(), claims);
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet.Builder claims)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** {@code alg: none}, built by hand: header and claims, and an empty signature. */
    private static String unsigned(JWTClaimsSet.Builder claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String bearer(String jwt) {
        return "Bearer " + jwt;
    }

    private HttpResponse<String> call(String authorization, String body) throws Exception {
        return call(serviceUrl(), authorization, body);
    }

    private HttpResponse<String> call(String url, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A patient-view call; {@code patientId} is the EHR's id of the patient, {@code extra} the members after context. */
    private static String hook(String patientId, String extra) {
        return "{\"hook\":\"patient-view\",\"hookInstance\":\"" + UUID.randomUUID() + "\",\"context\":{\"userId\":"
                + "\"Practitioner/1\",\"patientId\":\"" + patientId + "\"}," + extra + "}";
    }

    /** A call with the Patient prefetched, as the service's discovery asks. */
    private static String prefetched(String mrn) {
        return hook("example", "\"prefetch\":{\"patient\":" + patientJson(MRN_SYSTEM, mrn) + "}");
    }

    /** A call without prefetch: StrokeScan is to read the Patient from the EHR's FHIR server. */
    private static String fromFhirServer(String patientId, String fhirServer, String accessToken) {
        return hook(patientId, "\"fhirServer\":\"" + fhirServer + "\",\"fhirAuthorization\":{\"access_token\":\""
                + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"patient/Patient.read\","
                + "\"subject\":\"strokescan\"}");
    }

    private static Patient patient(String system, String value) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(system).setValue(value);
        patient.addName().setFamily("Test").addGiven("Cds");
        return patient;
    }

    private static String patientJson(String system, String value) {
        Patient patient = patient(system, value);
        patient.setId("example");
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(patient);
    }

    private static String feedback(String card) {
        return "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":"
                + "{\"system\":\"" + OVERRIDE_SYSTEM + "\",\"code\":\"already-aware\",\"display\":\"Already aware of "
                + "this result\"},\"userComment\":\"seen in PACS\"},\"outcomeTimestamp\":\"2026-12-04T10:00:00Z\"}]}";
    }

    // --- helpers: answers ---

    /** The cards of an answer, each checked against the CDS Hooks 2.0 card shape. */
    private static List<JsonObject> cards(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        JsonArray cards = json(response.body()).getJsonArray("cards");
        assertNotNull(cards, response.body());
        for (JsonObject card : cards.getValuesAs(JsonObject.class)) {
            assertFalse(card.getString("uuid", "").isBlank(), card.toString());
            String summary = card.getString("summary");
            assertTrue(summary.length() < 140, "summary under 140 characters: " + summary);
            assertTrue(INDICATORS.contains(card.getString("indicator")), card.toString());
            assertFalse(card.getJsonObject("source").getString("label", "").isBlank(), card.toString());
            for (JsonObject link : card.getJsonArray("links").getValuesAs(JsonObject.class)) {
                assertFalse(link.getString("label", "").isBlank(), link.toString());
                assertTrue(link.getString("url", "").startsWith("http"), link.toString());
                assertEquals("absolute", link.getString("type"), link.toString());
            }
            for (JsonObject reason : card.getJsonArray("overrideReasons").getValuesAs(JsonObject.class)) {
                assertEquals(OVERRIDE_SYSTEM, reason.getString("system"), reason.toString());
                assertFalse(reason.getString("code", "").isBlank() || reason.getString("display", "").isBlank(),
                        reason.toString());
            }
        }
        return cards.getValuesAs(JsonObject.class);
    }

    private static JsonObject onlyCard(HttpResponse<String> response) {
        List<JsonObject> cards = cards(response);
        assertEquals(1, cards.size(), response.body());
        return cards.getFirst();
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.getFirst();
    }

    /** How many CDS_HOOK_REFUSED records the audit trail holds now. */
    private long refused() {
        return AuditApi.recent(api()).stream()
                .filter(e -> e.getSubtype().stream().anyMatch(c -> c.getCode().equals("CDS_HOOK_REFUSED"))).count();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    // --- helpers: StrokeScan's side ---

    private static String newMrn() {
        return "MRN-C" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An examination by clinician1 with one bleed-phantom slice; returns its id. */
    private String examination(String mrn) throws Exception {
        HttpResponse<String> started = Api.send(api(), "POST", "/api/v1/examinations", "clinician1",
                "{\"patientId\":\"" + mrn + "\"}");
        assertEquals(201, started.statusCode(), started.body());
        String id = json(started.body()).getString("id");
        HttpResponse<String> slice = Api.addSlice(api(), "clinician1", id, "slice.png", HeadPhantom.png(256, true));
        assertEquals(201, slice.statusCode(), slice.body());
        return id;
    }

    private String aiVerdict(String examination) throws Exception {
        HttpResponse<String> read = Api.send(api(), "GET", "/api/v1/examinations/" + examination, "clinician1", null);
        assertEquals(200, read.statusCode(), read.body());
        return json(read.body()).getString("verdict");
    }

    /**
     * An examination signed so that the clinician's finding is haemorrhage or none, whatever the AI said: agreeing
     * keeps the AI's verdict, disagreeing turns it over.
     */
    private void signedWithFinding(String mrn, boolean haemorrhage) throws Exception {
        String examination = examination(mrn);
        boolean agrees = aiVerdict(examination).equals(haemorrhage ? "SUSPECTED" : "NOT_DETECTED");
        HttpResponse<String> signed = Api.send(api(), "POST", "/api/v1/examinations/" + examination + "/signature",
                "clinician1", "{\"agrees\":" + agrees + "}");
        assertEquals(201, signed.statusCode(), signed.body());
    }
}
