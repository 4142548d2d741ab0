package org.strokescan.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.ChainVerification;
import org.strokescan.web.Messages;

/** Lets an administrator check the audit trail's hash chain without the auditor's console. */
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
