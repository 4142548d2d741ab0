package org.strokescan.security.boundary;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.platform.Role;

/**
 * Records a request refused for the caller's roles (HTTP 403) with the caller the web container knows, once per
 * request however many hooks see the refusal. Refusals of anonymous callers (a method no page takes, asked before
 * signing in) are not recorded: they reach nothing, and recording them would let anyone write to the audit trail
 * at will.
 */
public final class AccessRefusals {

    /** Request attribute: this request's refusal is already recorded. */
    static final String RECORDED = "strokescan.refusalRecorded";

    private AccessRefusals() {
    }

    /**
     * @param uri        the request URI as asked, context path included (never with its query string)
     * @param how        how it was refused, for the record's detail
     * @param knownRoles the caller's roles where the caller already knows them, else null to ask the container
     */
    public static void record(AuditTrail audit, HttpServletRequest request, String uri, String how,
                              Collection<Role> knownRoles) {
        if (request.getUserPrincipal() == null || request.getAttribute(RECORDED) != null) {
            return;
        }
        request.setAttribute(RECORDED, Boolean.TRUE);
        // path parameters go: ";jsessionid=..." would put a session id, a secret, into the trail
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()))
                .replaceAll(";[^/]*", "");
        Collection<Role> roles = knownRoles != null ? knownRoles : roles(request);
        audit.recordRefusal(request.getUserPrincipal().getName(), roles, request.getMethod(), path, how);
    }

    private static List<Role> roles(HttpServletRequest request) {
        try {
            return Arrays.stream(Role.values()).filter(role -> request.isUserInRole(role.name())).toList();
        } catch (RuntimeException noAuthorizationContext) {
            return List.of(); // Payara cannot always answer in an error dispatch; the caller is still named
        }
    }
}
