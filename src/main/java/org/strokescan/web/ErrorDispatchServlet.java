package org.strokescan.web;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.platform.Problem;
import org.strokescan.security.boundary.AccessRefusals;
import org.strokescan.security.boundary.LoginMechanismByPath;

/**
 * Every error the container reports lands here: REST API callers get an RFC 9457 {@code application/problem+json}
 * body, browsers the friendly error pages. Neither ever shows the server's own error report or a stack trace. A
 * signed-in caller's 403 (a URL or method constraint, or a role check behind the API) is recorded in the audit
 * trail, once per request. A sign-in the throttle refused unchecked is answered 429 with {@code Retry-After} on the
 * API.
 */
public class ErrorDispatchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditTrail audit;

    private static final Map<Integer, String> TITLES = Map.of(
            400, "Bad request", 401, "Authentication required", 403, "Access denied", 404, "Not found",
            405, "Method not allowed", 413, "Content too large", 415, "Unsupported media type",
            429, "Too many requests", 500, "Internal server error", 503, "Service unavailable");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 500;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        if (status == HttpServletResponse.SC_FORBIDDEN) {
            // the snapshot holds the roles where the request passed the filters (the API); a URL constraint refuses
            // before them, and then the container still answers isUserInRole here
            CallerSnapshotFilter.Caller caller = CallerSnapshotFilter.of(request);
            AccessRefusals.record(audit, request, uri, "HTTP 403", caller.name().isEmpty() ? null : caller.roles());
        }
        if (path.startsWith("/api/")) {
            if (status == HttpServletResponse.SC_UNAUTHORIZED
                    && request.getAttribute(LoginMechanismByPath.RETRY_AFTER_SECONDS) instanceof Long seconds) {
                // the credentials were not even checked: the caller must slow down, not try other ones
                status = 429;
                response.setHeader("Retry-After", String.valueOf(seconds));
            }
            response.setStatus(status);
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Object detail = request.getAttribute(LoginMechanismByPath.REFUSAL_DETAIL);
            response.getWriter().write(Problem.json(status, TITLES.getOrDefault(status, "Error"),
                    detail instanceof String text ? text : null, path));
            return;
        }
        String page = switch (status) {
            case 401, 403 -> "/error/403.xhtml";
            case 404 -> "/error/404.xhtml";
            default -> "/error/500.xhtml";
        };
        request.getRequestDispatcher(page).forward(request, response);
    }
}
