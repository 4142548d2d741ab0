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
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.strokescan.security.boundary.LoginMechanismByPath;
import org.strokescan.security.entity.ReturnPath;

/**
 * The sign-in form. Every failure shows one message, so nobody can learn which usernames exist; a sign-in that was
 * not checked because failures must slow down says how long to wait (for any username alike). After a session ended
 * under an open page, the page's address comes along ({@code return}) and a successful sign-in goes back there.
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
    /** The page to go back to after sign-in (view parameter {@code return}); checked before it is used. */
    private String returnTo;

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
                // only a page of this application: anything else in the parameter goes to the landing page
                external.redirect(external.getRequestContextPath()
                        + ReturnPath.of(returnTo).map(ReturnPath::path).orElseGet(session::landingPage));
            }
            case SEND_CONTINUE -> faces.responseComplete(); // redirected to the page first asked for
            default -> {
                // Soteria keeps state from a failed attempt in the session, after which protected pages answer
                // an empty 200 instead of redirecting to this page; a fresh session avoids that.
                external.invalidateSession();
                Object wait = request.getAttribute(LoginMechanismByPath.RETRY_AFTER_SECONDS);
                boolean expired = request.getAttribute(LoginMechanismByPath.ISSUED_PASSWORD_EXPIRED) != null;
                // a failed attempt keeps the page to return to for the next one
                String back = ReturnPath.of(returnTo)
                        .map(path -> "&return=" + URLEncoder.encode(path.path(), StandardCharsets.UTF_8)).orElse("");
                external.redirect(external.getRequestContextPath() + (wait instanceof Long seconds
                        ? "/login.xhtml?wait=" + seconds
                        : expired ? "/login.xhtml?expired=true" : "/login.xhtml?failed=true") + back);
            }
        }
    }

    /** Why the session ended, with the idle timeout of web.xml in minutes. */
    public String getSessionLapsedMessage() {
        int idleMinutes = ((ServletContext) FacesContext.getCurrentInstance().getExternalContext().getContext())
                .getSessionTimeout();
        return Messages.text("login.sessionLapsed", idleMinutes);
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getReturnTo() { return returnTo; }
    public void setReturnTo(String returnTo) { this.returnTo = returnTo; }
}
