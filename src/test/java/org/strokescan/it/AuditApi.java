package org.strokescan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;

/** Reads this run's audit trail through {@code GET /api/v1/audit-events}, as an auditor's system would. */
final class AuditApi {

    private AuditApi() {
    }

    /**
     * This run's events: yesterday and today (UTC), so a run that crosses midnight sees all of them; the IT database
     * is fresh for every run, so nothing older is there.
     */
    static List<AuditEvent> recent(URI base) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpResponse<String> response = new FacesClient(base).getWithBasic(
                "/api/v1/audit-events?from=" + today.minusDays(1) + "&to=" + today, "auditor1",
                SeededAccounts.get("auditor1").password());
        assertEquals(200, response.statusCode(), response.body());
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        return response.body().lines().map(line -> parser.parseResource(AuditEvent.class, line)).toList();
    }

    /** The events of one action (our code, in the subtype) concerning one subject. */
    static List<AuditEvent> about(List<AuditEvent> events, String subject, String action) {
        return events.stream()
                .filter(e -> subject.equals(e.getEntityFirstRep().getWhat().getDisplay()))
                .filter(e -> e.getSubtype().stream().anyMatch(c -> action.equals(c.getCode())))
                .toList();
    }

    static String actor(AuditEvent event) {
        return event.getAgentFirstRep().getWho().getIdentifier().getValue();
    }
}
