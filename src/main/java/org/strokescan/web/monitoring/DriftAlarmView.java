package org.strokescan.web.monitoring;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseId;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.strokescan.monitoring.boundary.DriftWatch;
import org.strokescan.platform.Role;
import org.strokescan.web.SessionView;

/** The banner every page shows auditors and administrators while the latest stored drift check raised the alarm. */
@Named
@RequestScoped
public class DriftAlarmView {

    @Inject
    SessionView session;

    @Inject
    DriftWatch watch;

    private Boolean shown;

    /**
     * One indexed row read per page rendered, and only for auditors and administrators. Kept from the render phase on:
     * a postback asks before its action too, and a "check now" that alarmed must show the banner on its own answer.
     */
    public boolean isShown() {
        if (shown != null) {
            return shown;
        }
        boolean alarm = session.isSignedIn() && (session.hasRole(Role.AUDITOR_NAME) || session.hasRole(Role.ADMIN_NAME))
                && watch.alarmRaised();
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces != null && faces.getCurrentPhaseId() == PhaseId.RENDER_RESPONSE) {
            shown = alarm;
        }
        return alarm;
    }
}
