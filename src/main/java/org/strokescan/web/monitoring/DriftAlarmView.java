package org.strokescan.web.monitoring;

import jakarta.enterprise.context.RequestScoped;
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

    /** One indexed row read per request, and only for auditors and administrators. */
    public boolean isShown() {
        if (shown == null) {
            shown = session.isSignedIn() && (session.hasRole(Role.AUDITOR_NAME) || session.hasRole(Role.ADMIN_NAME))
                    && watch.alarmRaised();
        }
        return shown;
    }
}
