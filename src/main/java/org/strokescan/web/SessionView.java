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
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.platform.Role;

/** Who is signed in, where their work starts, and sign-out. */
@Named
@RequestScoped
public class SessionView {

    @Inject
    HttpServletRequest request;

    @Inject
    AuditTrail audit;

    public boolean isSignedIn() {
        return !getUsername().isEmpty();
    }

    /** From the snapshot taken at the start of the request; see {@link CallerSnapshotFilter} for why. */
    public String getUsername() {
        String snapshot = CallerSnapshotFilter.of(request).name();
        if (!snapshot.isEmpty()) {
            return snapshot;
        }
        Principal justSignedIn = request.getUserPrincipal();
        return justSignedIn == null ? "" : justSignedIn.getName();
    }

    public boolean hasRole(String role) {
        return CallerSnapshotFilter.of(request).roles().stream().anyMatch(held -> held.name().equals(role));
    }

    /** The clinician's upload page, the auditor's history or the admin's user list, in that order. */
    public String landingPage() {
        // asks the request itself: right after sign-in the snapshot still shows an anonymous caller
        if (request.isUserInRole(Role.CLINICIAN_NAME)) {
            return "/clinician/index.xhtml";
        }
        if (request.isUserInRole(Role.AUDITOR_NAME)) {
            return "/auditor/index.xhtml";
        }
        if (request.isUserInRole(Role.ADMIN_NAME)) {
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
        audit.record(AuditEntry.success(AuditAction.LOGOUT, getUsername()));
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?signedOut=true");
    }
}
