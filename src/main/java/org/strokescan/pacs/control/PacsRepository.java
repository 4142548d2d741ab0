package org.strokescan.pacs.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.strokescan.pacs.entity.DicomInstance;
import org.strokescan.pacs.entity.IncomingStudy;
import org.strokescan.pacs.entity.InstanceSummary;
import org.strokescan.pacs.entity.IntakeState;

/** Received instances and the studies they make up. */
@Dependent
public class PacsRepository {

    @PersistenceContext
    EntityManager em;

    public boolean knows(String sopInstanceUid) {
        return em.find(DicomInstance.class, sopInstanceUid) != null;
    }

    /**
     * The study's progress, row-locked: the receiver, the claim and the worker's finish each change it, and none may
     * write back a state another changed meanwhile (a study claimed twice, a late instance forgotten).
     */
    public Optional<IncomingStudy> incoming(String examinationId) {
        return Optional.ofNullable(em.find(IncomingStudy.class, examinationId, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(DicomInstance instance) {
        em.persist(instance);
    }

    public void add(IncomingStudy study) {
        em.persist(study);
    }

    /** Studies in which no instance arrived since {@code quietSince}, longest waiting first. */
    public List<String> due(Instant quietSince, int max) {
        return em.createQuery("select s.examinationId from IncomingStudy s where s.state = :receiving"
                        + " and s.lastReceivedAt < :since order by s.lastReceivedAt", String.class)
                .setParameter("receiving", IntakeState.RECEIVING).setParameter("since", quietSince)
                .setMaxResults(max).getResultList();
    }

    /**
     * Takes a due study for classification. One conditional update, so of two takers (timers that overlap, or nodes)
     * exactly one gets it, and a study an instance arrived in meanwhile is not taken.
     *
     * @param node the taker, named on the study until it is done with it
     */
    public boolean claim(String examinationId, Instant quietSince, String node, Instant now) {
        return em.createQuery("update IncomingStudy s set s.state = :classifying, s.claimedBy = :node,"
                        + " s.claimedAt = :now where s.examinationId = :id and s.state = :receiving"
                        + " and s.lastReceivedAt < :since")
                .setParameter("classifying", IntakeState.CLASSIFYING).setParameter("receiving", IntakeState.RECEIVING)
                .setParameter("node", node).setParameter("now", now)
                .setParameter("id", examinationId).setParameter("since", quietSince).executeUpdate() == 1;
    }

    /**
     * The node still works on the study: its claim is fresh again (and the study's row locked until the transaction
     * ends). False when the node no longer holds it: its claim grew old and the study went back to waiting.
     */
    public boolean renew(String examinationId, String node, Instant now) {
        return em.createQuery("update IncomingStudy s set s.claimedAt = :now where s.examinationId = :id"
                        + " and s.state = :classifying and s.claimedBy = :node")
                .setParameter("now", now).setParameter("id", examinationId)
                .setParameter("classifying", IntakeState.CLASSIFYING).setParameter("node", node).executeUpdate() == 1;
    }

    /**
     * Studies this node was classifying when it stopped (and any claimed before claims named their node): they go
     * back to waiting. Their slices classified before are not classified again (each slice's bytes are dropped in the
     * transaction that classifies it). Other nodes' studies are theirs until their claims grow old.
     */
    public int requeueInterrupted(String node) {
        return em.createQuery("update IncomingStudy s set s.state = :receiving, s.claimedBy = null, s.claimedAt = null"
                        + " where s.state = :classifying and (s.claimedBy = :node or s.claimedBy is null)")
                .setParameter("receiving", IntakeState.RECEIVING).setParameter("classifying", IntakeState.CLASSIFYING)
                .setParameter("node", node).executeUpdate();
    }

    /** Studies whose node showed no progress since {@code before} (it died): they go back to waiting. */
    public int requeueAbandoned(Instant before) {
        return em.createQuery("update IncomingStudy s set s.state = :receiving, s.claimedBy = null, s.claimedAt = null"
                        + " where s.state = :classifying and s.claimedAt < :before")
                .setParameter("receiving", IntakeState.RECEIVING).setParameter("classifying", IntakeState.CLASSIFYING)
                .setParameter("before", before).executeUpdate();
    }

    public List<InstanceSummary> summaries(String examinationId) {
        return em.createQuery("select new org.strokescan.pacs.entity.InstanceSummary(i.sopInstanceUid,"
                        + " i.seriesInstanceUid, i.instanceNumber, i.position, i.sliceThickness, i.axial, i.rows,"
                        + " i.columns) from DicomInstance i where i.examinationId = :id", InstanceSummary.class)
                .setParameter("id", examinationId).getResultList();
    }

    /** The instance's bytes; empty once its slice was classified or its study finished. */
    public Optional<byte[]> content(String sopInstanceUid) {
        List<byte[]> content = em.createQuery("select i.content from DicomInstance i where i.sopInstanceUid = :sop",
                byte[].class).setParameter("sop", sopInstanceUid).getResultList();
        return content.isEmpty() ? Optional.empty() : Optional.ofNullable(content.getFirst());
    }

    public void release(String sopInstanceUid) {
        em.createQuery("update DicomInstance i set i.content = null where i.sopInstanceUid = :sop")
                .setParameter("sop", sopInstanceUid).executeUpdate();
    }

    /**
     * Drops the bytes of the study's instances that were there when its classification began (the slices not
     * classified: other series, slices of another size); later ones wait for the next round.
     */
    public void releaseStudy(String examinationId, Instant quietSince) {
        em.createQuery("update DicomInstance i set i.content = null where i.examinationId = :id"
                        + " and i.receivedAt < :since")
                .setParameter("id", examinationId).setParameter("since", quietSince).executeUpdate();
    }

    public String seriesDescription(String examinationId, String series) {
        return em.createQuery("select i.seriesDescription from DicomInstance i where i.examinationId = :id"
                        + " and i.seriesInstanceUid = :series and i.seriesDescription is not null", String.class)
                .setParameter("id", examinationId).setParameter("series", series).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }
}
