package org.strokescan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.strokescan.cds.boundary.CdsLaunches;
import org.strokescan.cds.entity.LaunchOutcome;

/**
 * Backs {@code launch.xhtml}, where a card's link from the EHR arrives: a caller without a StrokeScan session signs in
 * first and comes back; then on to the examination, or the reason it does not open (used, expired, another
 * clinician's). The page is public for that first step only: the boundary behind it checks roles.
 */
@Named
@RequestScoped
public class LaunchView {

    @Inject
    CdsLaunches launches;

    /** A launch token as StrokeScan makes them (32 random bytes, base64url). */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private String token;
    private LaunchOutcome outcome = LaunchOutcome.refused(LaunchOutcome.Kind.UNKNOWN);

    public String open() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        if (external.getUserPrincipal() == null) {
            // straight from the EHR: sign in first, then back here (the login page takes only a page of ours)
            String back = token != null && TOKEN.matcher(token).matches() ? "/launch.xhtml?token=" + token
                    : "/index.xhtml";
            external.redirect(external.getRequestContextPath() + "/login.xhtml?return="
                    + URLEncoder.encode(back, StandardCharsets.UTF_8));
            return null;
        }
        outcome = launches.open(token);
        return switch (outcome.kind()) {
            case CLINICIAN_PAGE -> "/clinician/examination?faces-redirect=true&id=" + outcome.examinationId();
            case AUDITOR_PAGE -> "/auditor/examination?faces-redirect=true&id=" + outcome.examinationId();
            default -> null;
        };
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** The message key's last part: {@code unknown}, {@code used}, {@code expired}, {@code not_yours}. */
    public String getOutcome() {
        return outcome.kind().name().toLowerCase(Locale.ROOT);
    }

    public String getOwner() {
        return outcome.owner();
    }
}
