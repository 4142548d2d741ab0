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
        Filter filter = Filter.of(query);
        TypedQuery<AuditRecord> select = em.createQuery("select r from AuditRecord r" + filter.where()
                + " order by " + order + (ascending ? " asc" : " desc") + ", r.seq desc", AuditRecord.class);
        filter.parameters().forEach(select::setParameter);
        return select.setFirstResult(first).setMaxResults(pageSize).getResultList();
    }

    public long count(AuditQuery query) {
        Filter filter = Filter.of(query);
        TypedQuery<Long> count = em.createQuery("select count(r) from AuditRecord r" + filter.where(), Long.class);
        filter.parameters().forEach(count::setParameter);
        return count.getSingleResult();
    }

    /** The JPQL condition for a query and the values of its parameters, built together so they cannot disagree. */
    private record Filter(String where, Map<String, Object> parameters) {

        static Filter of(AuditQuery query) {
            List<String> conditions = new ArrayList<>();
            Map<String, Object> values = new HashMap<>();
            add(conditions, values, "r.occurredAt >= :from", "from", query.from());
            add(conditions, values, "r.occurredAt < :to", "to", query.to());
            add(conditions, values, "lower(r.actor) like :actor", "actor", contains(query.actor()));
            add(conditions, values, "r.action = :action", "action", query.action());
            add(conditions, values, "r.outcome = :outcome", "outcome", query.outcome());
            add(conditions, values, "lower(r.subject) like :subject", "subject", contains(query.subject()));
            return new Filter(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), values);
        }

        private static void add(List<String> conditions, Map<String, Object> values, String condition, String name,
                                Object value) {
            if (value != null) {
                conditions.add(condition);
                values.put(name, value);
            }
        }

        private static String contains(String text) {
            return text == null ? null : "%" + text.toLowerCase(Locale.ROOT) + "%";
        }
    }
}
