package org.strokescan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.ChainVerification;

/** "Verify chain" for auditors (audit console) and administrators (user page). */
@Named
@RequestScoped
public class AuditCheckView {

    @Inject
    AuditTrail audit;

    public void verify() {
        ChainVerification result = audit.verify();
        if (result.isIntact()) {
            Messages.info("events.verified", result.records());
        } else {
            Messages.error("events.broken", result.summary());
        }
    }
}
