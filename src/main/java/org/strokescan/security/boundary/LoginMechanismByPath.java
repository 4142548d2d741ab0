package org.strokescan.security.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Routes each request to HTTP Basic under {@code /api/} and to the form login everywhere else. */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class LoginMechanismByPath implements HttpAuthenticationMechanismHandler {

    static final String API_PREFIX = "/api/";

    @Inject
    @PageLogin
    HttpAuthenticationMechanism pages;

    @Inject
    @ApiLogin
    HttpAuthenticationMechanism api;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        return mechanismFor(request).validateRequest(request, response, context);
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context) throws AuthenticationException {
        return mechanismFor(request).secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        mechanismFor(request).cleanSubject(request, response, context);
    }

    private HttpAuthenticationMechanism mechanismFor(HttpServletRequest request) {
        return isApiRequest(request) ? api : pages;
    }

    static boolean isApiRequest(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).startsWith(API_PREFIX);
    }
}
