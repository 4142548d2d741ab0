package org.strokescan.monitoring.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.strokescan.platform.Problem;
import org.strokescan.platform.Role;

/**
 * {@code GET /api/v1/monitoring/drift[?days=N]}: the active model's drift report over the last N days (the configured
 * window by default), computed now: the window, and {@code metrics} each with name, value, threshold and alarm.
 */
@Stateless
@Path("monitoring/drift")
@RolesAllowed({Role.AUDITOR_NAME, Role.ADMIN_NAME})
public class DriftResource {

    @Inject
    DriftWatch watch;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "The active model's drift against its card's validation reference over the last N days")
    public Response drift(@QueryParam("days") String days) {
        Integer window;
        try {
            window = days == null || days.isBlank() ? null : Integer.valueOf(days.strip());
        } catch (NumberFormatException e) {
            return Problem.response(400, "Bad request", "days must be a whole number of days");
        }
        if (window != null && (window < 1 || window > DriftChecks.MAX_DAYS)) {
            return Problem.response(400, "Bad request", "days must lie between 1 and " + DriftChecks.MAX_DAYS);
        }
        return Response.ok(watch.json(watch.current(window)), MediaType.APPLICATION_JSON).build();
    }
}
