package org.strokescan.audit.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.strokescan.audit.entity.AuditHead;
import org.strokescan.audit.entity.AuditQuery;
import org.strokescan.audit.entity.AuditRecord;
import org.strokescan.platform.JpqlFilter;

/** Appends to and reads the audit trail; callers bring the transaction. There is no update or delete. */
@Dependent
public class AuditRepository {

    @PersistenceContext(unitName = "strokescan")
    EntityManager em;

    /** The chain's end, locked until the caller's transaction ends: appends happen one after another. */
    public AuditHead lockHead() {
        return em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The chain's end as it is now, detached: were it left in the persistence context, a later {@link #lockHead} in
     * the same transaction would lock the row but keep this state, and an append that committed in between would
     * be overwritten (two records with one sequence number).
     */
    public AuditHead head() {
        AuditHead head = em.find(AuditHead.class, AuditHead.ID);
        em.detach(head);
        return head;
    }

    public void append(AuditRecord record) {
        em.persist(record);
    }

    /** Records 1 to {@code lastSeq} in order; later appends by concurrent transactions are not included. */
    public Stream<AuditRecord> upTo(long lastSeq) {
        return em.createQuery("select r from AuditRecord r where r.seq <= :last order by r.seq", AuditRecord.class)
                .setParameter("last", lastSeq)
                .getResultStream();
    }

    /** The hash of record {@code seq}, empty when there is no such record. */
    public Optional<String> hashAt(long seq) {
        return em.createQuery("select r.hash from AuditRecord r where r.seq = :seq", String.class)
                .setParameter("seq", seq)
                .getResultStream().findFirst();
    }

    /** One page of the records matching {@code query}, for the auditor console. */
    public List<AuditRecord> find(AuditQuery query, int first, int pageSize, String sortField, boolean ascending) {
        String order = switch (sortField == null ? "" : sortField) {
            case "actor", "action", "outcome", "subject" -> "r." + sortField;
            default -> "r.seq";
        };
        JpqlFilter filter = filter(query);
        return filter.bind(em.createQuery("select r from AuditRecord r" + filter.where()
                        + " order by " + order + (ascending ? " asc" : " desc") + ", r.seq desc", AuditRecord.class))
                .setFirstResult(first).setMaxResults(pageSize).getResultList();
    }

    public long count(AuditQuery query) {
        JpqlFilter filter = filter(query);
        return filter.bind(em.createQuery("select count(r) from AuditRecord r" + filter.where(), Long.class))
                .getSingleResult();
    }

    private static JpqlFilter filter(AuditQuery query) {
        return new JpqlFilter()
                .and("r.occurredAt >= :from", "from", query.from())
                .and("r.occurredAt < :to", "to", query.to())
                .and("lower(r.actor) like :actor", "actor", contains(query.actor()))
                .and("r.action = :action", "action", query.action())
                .and("r.outcome = :outcome", "outcome", query.outcome())
                .and("lower(r.subject) like :subject", "subject", contains(query.subject()));
    }

    private static String contains(String text) {
        return text == null ? null : "%" + text.toLowerCase(Locale.ROOT) + "%";
    }
}
