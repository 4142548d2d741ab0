package org.strokescan.platform;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A role check that fails on a boundary EJB behind the REST API is a 403, not a server error. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

    @Override
    public Response toResponse(EJBAccessException denied) {
        return Problem.response(403, "Access denied", "Your role does not allow this request.");
    }
}
