package org.strokescan.fhir.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.fhir.control.Backoff;
import org.strokescan.fhir.control.EhrClient;

/**
 * Where and how reports go to the EHR (MicroProfile Config; secrets only from the environment). An empty base
 * URL switches delivery off: nothing is queued, and the pages say so.
 */
@ApplicationScoped
public class EhrSettings {

    /** Optional: MicroProfile Config treats an empty value as no value at all. */
    @Inject
    @ConfigProperty(name = "strokescan.fhir.base-url")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.auth")
    String auth;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.patient-identifier-system")
    String patientIdentifierSystem;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.validation")
    String validation;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.connect-timeout-ms")
    long connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.read-timeout-ms")
    long readTimeoutMillis;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.max-attempts")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.first-retry-ms")
    long firstRetryMillis;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.longest-retry-ms")
    long longestRetryMillis;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.relay-interval-ms")
    long relayIntervalMillis;

    @Inject
    @ConfigProperty(name = "strokescan.fhir.attach-key-image")
    boolean attachKeyImage;

    private volatile EhrClient client;

    public boolean enabled() {
        return !baseUrl().isEmpty();
    }

    /** Empty when delivery is off. */
    public String baseUrl() {
        return baseUrl.map(String::strip).orElse("");
    }

    public String patientIdentifierSystem() {
        return patientIdentifierSystem;
    }

    /** {@code strict}: a bundle that fails validation is never sent; {@code warn}: it is sent and logged. */
    public boolean strictValidation() {
        return !"warn".equals(validation);
    }

    /** Whether the most suspicious slice travels with the report (its presentedForm). */
    public boolean attachKeyImage() {
        return attachKeyImage;
    }

    public Backoff backoff() {
        return new Backoff(Duration.ofMillis(firstRetryMillis), Duration.ofMillis(longestRetryMillis), maxAttempts);
    }

    public Duration relayInterval() {
        return Duration.ofMillis(relayIntervalMillis);
    }

    /** Per request to the EHR's FHIR server: reports, and the patients the EHR hooks look up. */
    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMillis);
    }

    public Duration readTimeout() {
        return Duration.ofMillis(readTimeoutMillis);
    }

    public EhrClient client() {
        EhrClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = new EhrClient(baseUrl(), connectTimeout(), readTimeout(), auth, env("STROKESCAN_FHIR_USERNAME"),
                            auth.equals("bearer") ? env("STROKESCAN_FHIR_TOKEN") : env("STROKESCAN_FHIR_PASSWORD"));
                }
                current = client;
            }
        }
        return current;
    }

    private static String env(String name) {
        return Optional.ofNullable(System.getenv(name)).orElse("");
    }
}
