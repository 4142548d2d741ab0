package org.strokescan.security.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.strokescan.platform.Role;

/** {@code GET /api/v1/me}: whom the credentials belong to, so an integrator can check them first. */
@Stateless
@Path("me")
public class CallerResource {

    public record Caller(String username, List<String> roles) {
    }

    @Resource
    SessionContext session;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.CLINICIAN_NAME, Role.AUDITOR_NAME, Role.ADMIN_NAME})
    @Operation(summary = "The signed-in caller and their roles")
    public Caller me() {
        List<String> roles = Arrays.stream(Role.values()).map(Role::name).filter(session::isCallerInRole).toList();
        return new Caller(session.getCallerPrincipal().getName(), roles);
    }
}
