package org.strokescan.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;
import org.strokescan.platform.Role;

/**
 * Records who the caller is and which roles they hold while the request is dispatched normally.
 * Payara cannot answer {@code isUserInRole} while it renders an error page (its authorization context is
 * gone), so the error pages' header reads this snapshot instead.
 */
public class CallerSnapshotFilter extends HttpFilter {

    static final String ATTRIBUTE = "strokescan.caller";

    public record Caller(String name, Set<Role> roles) {
        static final Caller ANONYMOUS = new Caller("", Set.of());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal principal = request.getUserPrincipal();
        Caller caller = Caller.ANONYMOUS;
        if (principal != null) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Role role : Role.values()) {
                if (request.isUserInRole(role.name())) {
                    roles.add(role);
                }
            }
            caller = new Caller(principal.getName(), Set.copyOf(roles));
        }
        request.setAttribute(ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    static Caller of(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        return caller instanceof Caller known ? known : Caller.ANONYMOUS;
    }
}
