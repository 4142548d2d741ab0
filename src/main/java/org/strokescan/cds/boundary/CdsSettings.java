package org.strokescan.cds.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.cds.control.EhrTrust;

/** The EHR hooks' configuration (MicroProfile Config, {@code strokescan.cds.*}). */
@ApplicationScoped
public class CdsSettings {

    @Inject
    @ConfigProperty(name = "strokescan.cds.trusted-ehrs")
    Optional<String> trustedEhrs;

    @Inject
    @ConfigProperty(name = "strokescan.cds.fhir-servers")
    Optional<String> fhirServers;

    @Inject
    @ConfigProperty(name = "strokescan.cds.lookback-hours")
    long lookbackHours;

    @Inject
    @ConfigProperty(name = "strokescan.cds.max-cards")
    int maxCards;

    @Inject
    @ConfigProperty(name = "strokescan.cds.launch-minutes")
    long launchMinutes;

    @Inject
    @ConfigProperty(name = "strokescan.cds.time-zone")
    Optional<String> timeZone;

    @Inject
    @ConfigProperty(name = "strokescan.public-base-url")
    Optional<String> publicBaseUrl;

    private volatile EhrTrust trust;

    /** Built on first use: a wrong entry is named in the refusal's log line, and never stops the server. */
    EhrTrust trust() {
        EhrTrust current = trust;
        if (current == null) {
            synchronized (this) {
                if (trust == null) {
                    trust = EhrTrust.of(trustedEhrs.orElse(""), Clock.systemUTC());
                }
                current = trust;
            }
        }
        return current;
    }

    /** FHIR servers StrokeScan may read a patient from, without a trailing slash; no other address is ever called. */
    Set<String> fhirServers() {
        return Arrays.stream(fhirServers.orElse("").split(",")).map(CdsSettings::withoutSlash)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    boolean fhirServerAllowed(String base) {
        return fhirServers().contains(withoutSlash(base));
    }

    Duration lookback() {
        return Duration.ofHours(lookbackHours);
    }

    int maxCards() {
        return maxCards;
    }

    Duration launchLifetime() {
        return Duration.ofMinutes(launchMinutes);
    }

    ZoneId zone() {
        return timeZone.map(ZoneId::of).orElse(ZoneId.systemDefault());
    }

    /**
     * The URL StrokeScan is reached at, context path included: {@code strokescan.public-base-url} when set (behind a
     * proxy the request does not know it), else the request's own.
     */
    public String baseUrl(HttpServletRequest request) {
        return publicBaseUrl.map(CdsSettings::withoutSlash).filter(s -> !s.isEmpty()).orElseGet(() -> {
            String url = request.getRequestURL().toString();
            return url.substring(0, url.indexOf(request.getRequestURI())) + request.getContextPath();
        });
    }

    private static String withoutSlash(String url) {
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
