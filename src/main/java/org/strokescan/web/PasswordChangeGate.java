package org.strokescan.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.strokescan.security.boundary.Accounts;
import org.strokescan.security.boundary.LoginMechanismByPath;

/**
 * A signed-in user whose password was set by an administrator reaches no page but the password change
 * page until they have chosen their own.
 */
public class PasswordChangeGate extends HttpFilter {

    public static final String PAGE = "/account/password.xhtml";
    static final String MUST_CHANGE = "strokescan.mustChangePassword";

    @Inject
    Accounts accounts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = LoginMechanismByPath.pathOf(request);
        if (request.getUserPrincipal() == null || path.startsWith("/jakarta.faces.resource/")
                || path.startsWith("/error/") || path.equals(PAGE)) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession();
        Boolean mustChange = (Boolean) session.getAttribute(MUST_CHANGE);
        if (mustChange == null) {
            mustChange = accounts.mustChangePassword();
            session.setAttribute(MUST_CHANGE, mustChange);
        }
        if (mustChange) {
            response.sendRedirect(request.getContextPath() + PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    public static void passwordChanged(HttpSession session) {
        session.setAttribute(MUST_CHANGE, Boolean.FALSE);
    }
}
