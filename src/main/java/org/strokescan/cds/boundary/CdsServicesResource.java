package org.strokescan.cds.boundary;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.strokescan.cds.control.HookRefused;
import org.strokescan.platform.Problem;

/**
 * The CDS Hooks 2.0 endpoints: discovery (no token: it names services, nothing of patients), the
 * {@value CdsServices#PATIENT_VIEW} service and its feedback. Refusals are problem JSON; a refused token is 401 with
 * {@code WWW-Authenticate: Bearer}. CORS for browser-based EHRs is {@link CdsCors}'s.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class CdsServicesResource {

    /** JSON-B leaves absent (null) members out, as the specification's optional fields expect. */
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    CdsServices services;

    @Inject
    CdsSettings settings;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    public String discovery() {
        servedUnderCdsServices();
        return JSON.toJson(Map.of("services", services.discovery()));
    }

    @POST
    @Path(CdsServices.PATIENT_VIEW)
    public Response patientView(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        servedUnderCdsServices();
        try {
            return Response.ok(JSON.toJson(Map.of("cards", services.patientView(authorization,
                    settings.baseUrl(request), body == null ? "" : body)))).build();
        } catch (HookRefused refused) {
            return problem(refused);
        }
    }

    @POST
    @Path("{id}/feedback")
    public Response feedback(@PathParam("id") String serviceId,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        servedUnderCdsServices();
        try {
            services.feedback(authorization, settings.baseUrl(request), serviceId, body == null ? "" : body);
            return Response.ok("{}").build();
        } catch (HookRefused refused) {
            return problem(refused);
        }
    }

    /**
     * The REST API's application takes every resource it finds as well, under {@code /api/v1}; there this one does
     * not answer.
     */
    private void servedUnderCdsServices() {
        if (!uri.getBaseUri().getPath().endsWith("/cds-services/")) {
            throw new NotFoundException();
        }
    }

    private static Response problem(HookRefused refused) {
        Response response = Problem.response(refused.status(), switch (refused.status()) {
            case 401 -> "Unauthorized";
            case 404 -> "Not found";
            case 412 -> "Precondition failed";
            default -> "Bad request";
        }, refused.detail());
        return refused.status() == 401
                ? Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\"").build()
                : response;
    }
}
