package org.strokescan.fhir.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.strokescan.platform.Problem;
import org.strokescan.platform.Role;

/** {@code GET /api/v1/audit-events?from=2026-11-01&to=2026-11-30}: the audit trail as FHIR AuditEvent NDJSON. */
@Stateless
@Path("audit-events")
public class AuditEventsResource {

    static final String NDJSON = "application/fhir+ndjson";

    @Inject
    AuditEventExport export;

    @GET
    @Produces({NDJSON, Problem.MEDIA_TYPE})
    @RolesAllowed(Role.AUDITOR_NAME)
    @Operation(summary = "Audit events of a period (UTC days, both inclusive) as FHIR R4 AuditEvent NDJSON")
    public Response auditEvents(
            @Parameter(description = "first day, ISO date (UTC)", required = true) @QueryParam("from") String from,
            @Parameter(description = "last day, ISO date (UTC)", required = true) @QueryParam("to") String to) {
        LocalDate first;
        LocalDate last;
        try {
            first = LocalDate.parse(String.valueOf(from));
            last = LocalDate.parse(String.valueOf(to));
        } catch (DateTimeParseException e) {
            return Problem.response(400, "Bad request", "from and to must be ISO dates such as 2026-11-27");
        }
        if (last.isBefore(first)) {
            return Problem.response(400, "Bad request", "to must not be before from");
        }
        String body = export.ndjson(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return Response.ok(body, NDJSON).build();
    }
}
