package org.strokescan.audit.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.strokescan.audit.entity.AuditHead;
import org.strokescan.audit.entity.AuditQuery;
import org.strokescan.audit.entity.AuditRecord;

/** Appends to and reads the audit trail; callers bring the transaction. There is no update or delete. */
@Dependent
public class AuditRepository {

    @PersistenceContext(unitName = "strokescan")
    EntityManager em;

    /** The chain's end, locked until the caller's transaction ends: appends happen one after another. */
    public AuditHead lockHead() {
        return em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
    }

    public AuditHead head() {
        return em.find(AuditHead.class, AuditHead.ID);
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

    /** One page of the records matching {@code query}, for the auditor console. */
    public List<AuditRecord> find(AuditQuery query, int first, int pageSize, String sortField, boolean ascending) {
        String order = switch (sortField == null ? "" : sortField) {
            case "actor", "action", "outcome", "subject" -> "r." + sortField;
            default -> "r.seq";
        };
        TypedQuery<AuditRecord> select = em.createQuery("select r from AuditRecord r" + where(query)
                + " order by " + order + (ascending ? " asc" : " desc") + ", r.seq desc", AuditRecord.class);
        parameters(query).forEach(select::setParameter);
        return select.setFirstResult(first).setMaxResults(pageSize).getResultList();
    }

    public long count(AuditQuery query) {
        TypedQuery<Long> count = em.createQuery("select count(r) from AuditRecord r" + where(query), Long.class);
        parameters(query).forEach(count::setParameter);
        return count.getSingleResult();
    }

    private static String where(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        if (query.from() != null) {
            conditions.add("r.occurredAt >= :from");
        }
        if (query.to() != null) {
            conditions.add("r.occurredAt < :to");
        }
        if (query.actor() != null) {
            conditions.add("lower(r.actor) like :actor");
        }
        if (query.action() != null) {
            conditions.add("r.action = :action");
        }
        if (query.outcome() != null) {
            conditions.add("r.outcome = :outcome");
        }
        if (query.subject() != null) {
            conditions.add("lower(r.subject) like :subject");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static Map<String, Object> parameters(AuditQuery query) {
        Map<String, Object> values = new HashMap<>();
        if (query.from() != null) {
            values.put("from", query.from());
        }
        if (query.to() != null) {
            values.put("to", query.to());
        }
        if (query.actor() != null) {
            values.put("actor", "%" + query.actor().toLowerCase(Locale.ROOT) + "%");
        }
        if (query.action() != null) {
            values.put("action", query.action());
        }
        if (query.outcome() != null) {
            values.put("outcome", query.outcome());
        }
        if (query.subject() != null) {
            values.put("subject", "%" + query.subject().toLowerCase(Locale.ROOT) + "%");
        }
        return values;
    }
}
