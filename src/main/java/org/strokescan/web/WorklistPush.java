package org.strokescan.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.strokescan.examination.entity.WorklistChanged;

/**
 * Tells every open worklist page (Faces websocket channel {@code worklist}, application scope) that a line changed,
 * once the change is committed. The message names the examination and whether a suspected verdict came, nothing
 * about the patient: every signed-in clinician's socket receives it, and each page re-reads its own list through
 * its own session, so a clinician's private uploads reach no one else's page.
 */
@ApplicationScoped
public class WorklistPush {

    static final String CHANNEL = "worklist";

    private static final Logger LOG = Logger.getLogger(WorklistPush.class.getName());

    @Inject
    @Push(channel = CHANNEL)
    PushContext worklist;

    /** After the commit only: a page must never re-read before the change is visible, nor hear of a rolled-back one. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) WorklistChanged change) {
        try {
            worklist.send(message(change));
        } catch (RuntimeException e) {
            // the change is committed; a missed push costs a page its live update, never the caller its request
            LOG.log(Level.WARNING, "Could not push the worklist change of examination " + change.examinationId(), e);
        }
    }

    static Map<String, Object> message(WorklistChanged change) {
        return Map.of("examinationId", change.examinationId(), "suspectedVerdict", change.suspectedVerdict());
    }
}
