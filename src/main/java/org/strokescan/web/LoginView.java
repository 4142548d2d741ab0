package org.strokescan.web;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.strokescan.security.boundary.LoginMechanismByPath;

/**
 * The sign-in form. Every failure shows one message, so nobody can learn which usernames exist; a sign-in that was
 * not checked because failures must slow down says how long to wait (for any username alike).
 */
@Named
@RequestScoped
public class LoginView {

    @Inject
    SecurityContext securityContext;

    @Inject
    SessionView session;

    @Inject
    LanguageView language;

    private String username;
    private String password;

    public void login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        AuthenticationStatus status = securityContext.authenticate(request, response, withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(username, new Password(password))));
        password = null;
        switch (status) {
            case SUCCESS -> {
                request.changeSessionId(); // no session fixation across the login
                language.restoreForSignedInUser();
                external.redirect(external.getRequestContextPath() + session.landingPage());
            }
            case SEND_CONTINUE -> faces.responseComplete(); // redirected to the page first asked for
            default -> {
                // Soteria keeps state from a failed attempt in the session, after which protected pages answer
                // an empty 200 instead of redirecting to this page; a fresh session avoids that.
                external.invalidateSession();
                Object wait = request.getAttribute(LoginMechanismByPath.RETRY_AFTER_SECONDS);
                boolean expired = request.getAttribute(LoginMechanismByPath.ISSUED_PASSWORD_EXPIRED) != null;
                external.redirect(external.getRequestContextPath() + (wait instanceof Long seconds
                        ? "/login.xhtml?wait=" + seconds
                        : expired ? "/login.xhtml?expired=true" : "/login.xhtml?failed=true"));
            }
        }
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
