package org.strokescan.modelops.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.strokescan.modelops.entity.Accuracy;
import org.strokescan.modelops.entity.ModelActivation;
import org.strokescan.modelops.entity.ModelChangeRequest;
import org.strokescan.modelops.entity.ModelEntry;
import org.strokescan.modelops.entity.ShadowComparison;
import org.strokescan.platform.Problem;
import org.strokescan.platform.Role;

/**
 * {@code /api/v1/models}: the model registry and its operations (HTTP Basic). Administrators and auditors read;
 * only administrators set the shadow, ask for and decide changes (a second administrator approves).
 */
@Stateless
@Path("models")
@RolesAllowed(Role.ADMIN_NAME)
public class ModelsResource {

    public record ModelJson(String id, String name, String version, String state, String origin, boolean wasActive) {
    }

    public record ShadowJson(String model, String reason) {
    }

    public record ChangeJson(String kind, String model, String reason) {
    }

    public record DecisionJson(String note) {
    }

    public record RequestJson(String id, String kind, String model, String replaces, String reason,
                              String requestedBy, Instant requestedAt, String state, String decidedBy,
                              Instant decidedAt, String decisionNote) {
    }

    public record ActivationJson(String id, String slot, String model, Instant changedAt, String changedBy,
                                 String approvedBy, String reason, String requestId) {
    }

    public record AccuracyJson(int studies, int truePositives, int falseNegatives, int trueNegatives,
                               int falsePositives, Double sensitivity, Double specificity) {
    }

    public record ComparisonJson(Instant from, Instant to, List<String> activeModels, List<String> shadowModels,
                                 int images, int shadowRefused, Double labelAgreement, int activePositives,
                                 int shadowPositives, int studies, AccuracyJson active, AccuracyJson shadow,
                                 int activeOnlyCorrect, int shadowOnlyCorrect, Double mcNemarP) {
    }

    @Inject
    ModelOperations operations;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Every model of the registry with its state: active (exactly one), shadow or available")
    public Response list() {
        return act(() -> Response.ok(operations.models().stream().map(ModelsResource::json).toList(),
                MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("activations")
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which model was made active or shadow when, by whom, approved by whom, why; newest first")
    public List<ActivationJson> activations(@QueryParam("max") Integer max) {
        return operations.history(max == null ? 100 : Math.clamp(max, 1, 1000)).stream().map(ModelsResource::json)
                .toList();
    }

    @POST
    @Path("shadow")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Set the shadow model (JSON: model, reason) after verifying it, or clear it (model null)")
    public Response shadow(ShadowJson request) {
        if (request == null) {
            return Problem.response(400, "Bad request", "The body must be a JSON object with model and reason.");
        }
        return act(() -> {
            if (request.model() == null) {
                operations.clearShadow(request.reason());
                return Response.noContent().build();
            }
            return Response.ok(json(operations.setShadow(request.model(), request.reason())),
                    MediaType.APPLICATION_JSON).build();
        });
    }

    @GET
    @Path("changes")
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Requests to change the active model, newest first")
    public List<RequestJson> changes(@QueryParam("max") Integer max) {
        return operations.requests(max == null ? 100 : Math.clamp(max, 1, 1000)).stream().map(ModelsResource::json)
                .toList();
    }

    @POST
    @Path("changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Ask to promote the shadow (kind promotion) or roll back to an earlier model (kind rollback,"
            + " model); a second administrator approves")
    public Response request(ChangeJson request) {
        if (request == null || request.kind() == null) {
            return Problem.response(400, "Bad request", "The body must be a JSON object with kind (promotion or"
                    + " rollback), reason, and for a rollback the model.");
        }
        return act(() -> {
            ModelChangeRequest made = switch (request.kind().toLowerCase(Locale.ROOT)) {
                case "promotion" -> operations.requestPromotion(request.reason());
                case "rollback" -> operations.requestRollback(request.model(), request.reason());
                default -> throw new ModelOperationException("kind must be promotion or rollback.", false);
            };
            return Response.status(201).type(MediaType.APPLICATION_JSON).entity(json(made)).build();
        });
    }

    @POST
    @Path("changes/{id}/approval")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Approve a change as a second administrator: its model becomes active on every node")
    public Response approve(@PathParam("id") String id, DecisionJson decision) {
        return act(() -> Response.ok(json(operations.approve(id, decision == null ? null : decision.note())),
                MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Path("changes/{id}/rejection")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Reject a change (withdraw it, for the administrator who asked)")
    public Response reject(@PathParam("id") String id, DecisionJson decision) {
        return act(() -> Response.ok(json(operations.reject(id, decision == null ? null : decision.note())),
                MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("shadow/comparison")
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "The shadow against the active model over [from, to) (ISO instants; default the last 30"
            + " days): label agreement, and sensitivity, specificity and McNemar against signed reviews")
    public Response comparison(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end;
        Instant start;
        try {
            end = to == null ? Instant.now() : Instant.parse(to);
            start = from == null ? end.minus(30, ChronoUnit.DAYS) : Instant.parse(from);
        } catch (DateTimeParseException e) {
            return Problem.response(400, "Bad request", "from and to are ISO-8601 instants, e.g."
                    + " 2026-12-01T00:00:00Z.");
        }
        return act(() -> Response.ok(json(operations.compare(start, end)), MediaType.APPLICATION_JSON).build());
    }

    private static Response act(Supplier<Response> action) {
        try {
            return action.get();
        } catch (ModelOperationException e) {
            return e.notFound() ? Problem.response(404, "Not found", e.getMessage())
                    : Problem.response(409, "Conflict", e.getMessage());
        }
    }

    static ModelJson json(ModelEntry m) {
        return new ModelJson(m.id(), m.name(), m.version(), m.state().json(), m.origin(), m.wasActive());
    }

    static RequestJson json(ModelChangeRequest r) {
        return new RequestJson(r.id(), r.kind().name().toLowerCase(Locale.ROOT), r.modelId(), r.replaces(),
                r.reason(), r.requestedBy(), r.requestedAt(), r.state().name().toLowerCase(Locale.ROOT),
                r.decidedBy(), r.decidedAt().orElse(null), r.decisionNote().orElse(null));
    }

    static ActivationJson json(ModelActivation a) {
        return new ActivationJson(a.id(), a.slot().name().toLowerCase(Locale.ROOT), a.modelId().orElse(null),
                a.changedAt(), a.changedBy(), a.approvedBy().orElse(null), a.reason(), a.requestId().orElse(null));
    }

    static ComparisonJson json(ShadowComparison c) {
        return new ComparisonJson(c.from(), c.to(), c.activeModels(), c.shadowModels(), c.images(),
                c.shadowRefused(), finite(c.labelAgreement()), c.activePositives(), c.shadowPositives(), c.studies(),
                json(c.active()), json(c.shadow()), c.activeOnlyCorrect(), c.shadowOnlyCorrect(),
                finite(c.mcNemarP()));
    }

    private static AccuracyJson json(Accuracy a) {
        return new AccuracyJson(a.studies(), a.truePositives(), a.falseNegatives(), a.trueNegatives(),
                a.falsePositives(), finite(a.sensitivity()), finite(a.specificity()));
    }

    /** JSON has no NaN: an undefined share is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
