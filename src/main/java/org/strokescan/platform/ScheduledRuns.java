package org.strokescan.platform;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;

/**
 * Runs of scheduled jobs that one node does for the cluster. Every node's timer fires; the first to write the run's
 * row (job and slot: the day, the period) does it, the others find the row and skip. A node that dies during a run
 * leaves that run undone; the next slot is taken as usual.
 */
@Stateless
@PermitAll
public class ScheduledRuns {

    @PersistenceContext
    EntityManager em;

    @Inject
    ClusterNode node;

    @Resource
    SessionContext context;

    /**
     * @return true when this node takes the run; false when another node took it (or is taking it this moment: the
     *         database orders two inserts of one key, and the second fails)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String job, String slot) {
        boolean taken = claim(em, job, slot, node.name(), Instant.now());
        if (!taken) {
            context.setRollbackOnly(); // a failed insert leaves nothing worth committing
        }
        return taken;
    }

    /** The claim itself, in the caller's transaction. */
    static boolean claim(EntityManager em, String job, String slot, String node, Instant now) {
        if (em.find(ScheduledRun.class, new ScheduledRun.Key(job, slot)) != null) {
            return false;
        }
        try {
            em.persist(new ScheduledRun(job, slot, node, now));
            em.flush();
            return true;
        } catch (PersistenceException anotherNodeWasFirst) {
            return false;
        }
    }
}
