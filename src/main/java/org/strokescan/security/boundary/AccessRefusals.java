package org.strokescan.security.boundary;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.security.entity.Role;

/**
 * Records a request refused for the caller's roles (HTTP 403) with the caller the web container knows. Refusals of
 * anonymous callers (a method no page takes, asked before signing in) are not recorded: they reach nothing, and
 * recording them would let anyone write to the audit trail at will.
 */
public final class AccessRefusals {

    private AccessRefusals() {
    }

    /**
     * @param uri       the request URI as asked, context path included; the query string is never recorded
     * @param refusedBy which check refused it, for the record's detail
     */
    public static void record(AuditTrail audit, HttpServletRequest request, String uri, String refusedBy) {
        if (request.getUserPrincipal() == null) {
            return;
        }
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        List<Role> roles = Arrays.stream(Role.values()).filter(role -> request.isUserInRole(role.name())).toList();
        audit.recordRefusal(request.getUserPrincipal().getName(), roles, request.getMethod(), path, refusedBy);
    }
}
