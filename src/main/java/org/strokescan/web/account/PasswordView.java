package org.strokescan.web.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.strokescan.security.boundary.Accounts;
import org.strokescan.security.boundary.SignedInSessions;
import org.strokescan.security.entity.AccountRejection;
import org.strokescan.web.Messages;
import org.strokescan.web.PasswordChangeGate;
import org.strokescan.web.SessionView;

/** Changing one's own password, required after an administrator created or reset the account. */
@Named
@RequestScoped
public class PasswordView {

    @Inject
    Accounts accounts;

    @Inject
    SessionView session;

    @Inject
    SignedInSessions sessions;

    private String currentPassword;
    private String newPassword;
    private String confirmation;

    public boolean isRequired() {
        return accounts.mustChangePassword();
    }

    public void change() throws IOException {
        if (newPassword == null || !newPassword.equals(confirmation)) {
            Messages.error("password.mismatch");
            return;
        }
        long sessionGeneration;
        try {
            sessionGeneration = accounts.changeOwnPassword(currentPassword, newPassword);
        } catch (AccountRejection e) {
            Messages.error("account.error." + e.reason());
            return;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        // this session goes on, every other session of the account ends
        sessions.continueAfterPasswordChange((HttpServletRequest) external.getRequest(), sessionGeneration);
        PasswordChangeGate.passwordChanged((HttpSession) external.getSession(true));
        Messages.info("password.changed");
        Messages.keepForRedirect();
        external.redirect(external.getRequestContextPath() + session.landingPage());
    }

    public String getCurrentPassword() { return currentPassword; }
    public void setCurrentPassword(String currentPassword) { this.currentPassword = currentPassword; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    public String getConfirmation() { return confirmation; }
    public void setConfirmation(String confirmation) { this.confirmation = confirmation; }
}
