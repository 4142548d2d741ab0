package org.strokescan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import org.strokescan.security.entity.Role;

/** Who is signed in, where their work starts, and sign-out. */
@Named
@RequestScoped
public class SessionView {

    // The request, not SecurityContext: Payara's SecurityContext fails while an error page is dispatched.
    @Inject
    HttpServletRequest request;

    public boolean isSignedIn() {
        return request.getUserPrincipal() != null;
    }

    public String getUsername() {
        Principal caller = request.getUserPrincipal();
        return caller == null ? "" : caller.getName();
    }

    public boolean hasRole(String role) {
        return request.isUserInRole(role);
    }

    /** The clinician's upload page, the auditor's history or the admin's user list, in that order. */
    public String landingPage() {
        if (hasRole(Role.CLINICIAN_NAME)) {
            return "/clinician/index.xhtml";
        }
        if (hasRole(Role.AUDITOR_NAME)) {
            return "/auditor/index.xhtml";
        }
        if (hasRole(Role.ADMIN_NAME)) {
            return "/admin/users.xhtml";
        }
        return "/login.xhtml";
    }

    /** For the root page: sends a signed-in user to their landing page. */
    public void goToLandingPage() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.redirect(external.getRequestContextPath() + landingPage());
    }

    public void logout() throws IOException, ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?signedOut=true");
    }
}
