package org.strokescan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Locale;
import org.strokescan.cds.boundary.CdsLaunches;
import org.strokescan.cds.entity.LaunchOutcome;

/**
 * Backs {@code launch.xhtml}, where a card's link from the EHR arrives once its user has signed in: on to the
 * examination, or the reason it does not open (used, expired, another clinician's).
 */
@Named
@RequestScoped
public class LaunchView {

    @Inject
    CdsLaunches launches;

    private String token;
    private LaunchOutcome outcome = LaunchOutcome.refused(LaunchOutcome.Kind.UNKNOWN);

    public String open() {
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
