package org.strokescan.security.boundary;

import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.platform.Problem;

/**
 * A role check that fails on a boundary EJB behind the REST API is a 403, not a server error, and is recorded in
 * the audit trail; should the container's error dispatch see the same refusal, it records nothing more.
 */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

    @Context
    HttpServletRequest request;

    @Inject
    AuditTrail audit;

    @Override
    public Response toResponse(EJBAccessException denied) {
        AccessRefusals.record(audit, request, request.getRequestURI(), "the API's role check", null);
        return Problem.response(403, "Access denied", "Your role does not allow this request.");
    }
}
