package org.strokescan.fhir.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.strokescan.fhir.control.OutboxRepository;
import org.strokescan.fhir.entity.DeliveryState;

/**
 * The EHR outbox in {@code /health/ready}: whether delivery is on, the backlog and the age of its oldest
 * message, and how many are parked as failed. A backlog does not make the server unready (uploads and reviews
 * still work and are queued); monitoring should alert on the age instead.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    @Inject
    EhrSettings settings;

    @Inject
    OutboxRepository outbox;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ehr-outbox").up()
                .withData("delivery", settings.enabled() ? "on" : "off");
        try {
            response.withData("backlog", outbox.count(DeliveryState.PENDING))
                    .withData("failed", outbox.count(DeliveryState.FAILED))
                    .withData("oldestPendingSeconds", outbox.oldestPending()
                            .map(oldest -> Duration.between(oldest, Instant.now()).toSeconds()).orElse(0L));
        } catch (RuntimeException e) {
            response.withData("error", String.valueOf(e.getMessage()));
        }
        return response.build();
    }
}
