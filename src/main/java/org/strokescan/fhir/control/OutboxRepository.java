package org.strokescan.fhir.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Timeouts;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.fhir.entity.ReportKind;
import org.strokescan.platform.JpqlFilter;

/** The report outbox: what is due, in order per examination, and what the delivery page lists. */
@Dependent
public class OutboxRepository {

    private static final List<DeliveryState> UNDELIVERED = List.of(DeliveryState.PENDING, DeliveryState.FAILED);

    @PersistenceContext
    EntityManager em;

    public void add(OutboxMessage message) {
        em.persist(message);
    }

    public int nextSequence(String examinationId) {
        Integer last = em.createQuery("select max(m.sequence) from OutboxMessage m where m.examinationId = :id",
                Integer.class).setParameter("id", examinationId).getSingleResult();
        return last == null ? 1 : last + 1;
    }

    /**
     * The examination's preliminary report that the relay has not tried yet, locked for this transaction; the
     * condition is checked by the database under the lock, so a message the relay took meanwhile is not returned.
     */
    public Optional<OutboxMessage> lockUntriedPreliminary(String examinationId) {
        return em.createQuery("select m from OutboxMessage m where m.examinationId = :id and m.kind = :kind"
                        + " and m.state = :pending and m.attempts = 0", OutboxMessage.class)
                .setParameter("id", examinationId).setParameter("kind", ReportKind.PRELIMINARY)
                .setParameter("pending", DeliveryState.PENDING).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    /** Preliminary reports not delivered (waiting or parked): any newer report carries all they would say. */
    public List<OutboxMessage> undeliveredPreliminary(String examinationId) {
        return em.createQuery("select m from OutboxMessage m where m.examinationId = :id and m.state in :undelivered"
                        + " and m.kind = :kind", OutboxMessage.class)
                .setParameter("id", examinationId).setParameter("undelivered", UNDELIVERED)
                .setParameter("kind", ReportKind.PRELIMINARY).getResultList();
    }

    /**
     * Messages due now, oldest first, each the first undelivered one of its examination: a later report never
     * overtakes an earlier one, not even one parked as failed (an admin retries or cancels it first).
     */
    public List<String> due(Instant now, int max) {
        return em.createQuery("select m.id from OutboxMessage m where m.state = :pending and m.nextAttemptAt <= :now"
                        + " and not exists (select e from OutboxMessage e where e.examinationId = m.examinationId"
                        + " and e.state in :undelivered and e.sequence < m.sequence) order by m.createdAt, m.sequence",
                        String.class)
                .setParameter("pending", DeliveryState.PENDING).setParameter("undelivered", UNDELIVERED)
                .setParameter("now", now).setMaxResults(max).getResultList();
    }

    /** Whether the EHR already has a later report of the same examination. */
    public boolean newerDelivered(OutboxMessage message) {
        return em.createQuery("select count(m) from OutboxMessage m where m.examinationId = :id and m.sequence > :sequence"
                        + " and m.state = :sent", Long.class)
                .setParameter("id", message.examinationId()).setParameter("sequence", message.sequence())
                .setParameter("sent", DeliveryState.SENT).getSingleResult() > 0;
    }

    /**
     * The message, row-locked for this transaction, unless another relay holds it: {@code FOR UPDATE SKIP LOCKED}, so
     * the relays of a cluster's nodes never wait for each other and never send one message at the same time. The
     * lock lives as long as its holder's database connection: a node that dies mid-send leaves the message to the
     * next relay, which sends it again (the same bundle; the EHR's conditional writes make it harmless).
     */
    public Optional<OutboxMessage> lockUnlessTaken(String id) {
        return Optional.ofNullable(em.find(OutboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE, Timeouts.SKIP_LOCKED));
    }

    public Optional<OutboxMessage> lock(String id) {
        return Optional.ofNullable(em.find(OutboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<OutboxMessage> search(DeliveryState state, int first, int max) {
        JpqlFilter filter = new JpqlFilter().and("m.state = :state", "state", state);
        return filter.bind(em.createQuery("select m from OutboxMessage m" + filter.where()
                + " order by m.createdAt desc, m.sequence desc", OutboxMessage.class))
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long count(DeliveryState state) {
        JpqlFilter filter = new JpqlFilter().and("m.state = :state", "state", state);
        return filter.bind(em.createQuery("select count(m) from OutboxMessage m" + filter.where(), Long.class))
                .getSingleResult();
    }

    public Optional<Instant> oldestPending() {
        return Optional.ofNullable(em.createQuery("select min(m.createdAt) from OutboxMessage m where m.state = :pending",
                Instant.class).setParameter("pending", DeliveryState.PENDING).getSingleResult());
    }

    /** The latest message of each listed examination, for showing delivery next to results. */
    public Optional<OutboxMessage> latest(String examinationId) {
        return em.createQuery("select m from OutboxMessage m where m.examinationId = :id order by m.sequence desc",
                OutboxMessage.class).setParameter("id", examinationId).setMaxResults(1).getResultStream().findFirst();
    }
}
