package org.strokescan.fhir.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.platform.Problem;
import org.strokescan.platform.Role;

/** {@code /api/v1/deliveries}: the EHR delivery queue for operators (HTTP Basic, role ADMIN), as on the admin page. */
@Stateless
@Path("deliveries")
@RolesAllowed(Role.ADMIN_NAME)
public class DeliveriesResource {

    public record DeliveryJson(String id, String examinationId, int sequence, String kind, String patientId,
                               Instant createdAt, String state, int attempts, Instant nextAttemptAt, String lastError,
                               Instant sentAt, String remoteIds) {
    }

    @Inject
    Deliveries deliveries;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Report messages, newest first (optional state PENDING, SENT, FAILED, CANCELLED, SUPERSEDED)")
    public Response list(@QueryParam("state") String state, @QueryParam("max") Integer max) {
        DeliveryState filter;
        try {
            filter = state == null || state.isBlank() ? null : DeliveryState.valueOf(state);
        } catch (IllegalArgumentException e) {
            return Problem.response(400, "Bad request", "state must be one of PENDING, SENT, FAILED, CANCELLED, SUPERSEDED.");
        }
        List<DeliveryJson> rows = deliveries.search(filter, 0, max == null ? 100 : Math.clamp(max, 1, 1000)).stream()
                .map(DeliveriesResource::json).toList();
        return Response.ok(rows, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Send a failed or cancelled message again")
    public Response retry(@PathParam("id") String id) {
        return act(() -> deliveries.retry(id));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a pending or failed message")
    public Response cancel(@PathParam("id") String id) {
        return act(() -> deliveries.cancel(id));
    }

    private static Response act(Runnable action) {
        try {
            action.run();
            return Response.noContent().build();
        } catch (DeliveryRefused e) {
            return e.notFound() ? Problem.response(404, "Not found", e.getMessage())
                    : Problem.response(409, "Conflict", e.getMessage());
        }
    }

    private static DeliveryJson json(OutboxMessage m) {
        return new DeliveryJson(m.id(), m.examinationId(), m.sequence(), m.kind().name(), m.patientId(), m.createdAt(),
                m.state().name(), m.attempts(), m.nextAttemptAt(), m.lastError(), m.sentAt(), m.remoteIds());
    }
}
