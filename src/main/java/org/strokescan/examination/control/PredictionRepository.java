package org.strokescan.examination.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionQuery;

/** Stored predictions, filtered and sorted in the database, one page at a time. */
@Dependent
public class PredictionRepository {

    /** Sortable columns by the name the view uses; anything else sorts by time. */
    private static final Map<String, String> SORTABLE = Map.of("createdAt", "createdAt", "clinician", "clinician",
            "patientId", "patientId", "probability", "probability", "modelVersion", "modelVersion");

    @PersistenceContext
    EntityManager em;

    public List<Prediction> search(PredictionQuery query, int first, int max, String sortField, boolean ascending) {
        Condition condition = Condition.of(query);
        String order = SORTABLE.getOrDefault(sortField, "createdAt");
        TypedQuery<Prediction> select = em.createQuery("select p from Prediction p" + condition.where()
                + " order by p." + order + (ascending ? " asc" : " desc") + ", p.id", Prediction.class);
        condition.bind(select);
        return select.setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long count(PredictionQuery query) {
        Condition condition = Condition.of(query);
        TypedQuery<Long> count = em.createQuery("select count(p) from Prediction p" + condition.where(), Long.class);
        condition.bind(count);
        return count.getSingleResult();
    }

    /** The where clause and its parameters, built together so they cannot disagree. */
    private record Condition(List<String> clauses, List<Object> values) {

        static Condition of(PredictionQuery q) {
            Condition c = new Condition(new ArrayList<>(), new ArrayList<>());
            c.add("p.createdAt >= ?", q.from());
            c.add("p.createdAt < ?", q.to());
            c.add("p.clinician = ?", q.clinician());
            c.add("p.patientId = ?", q.patientId());
            c.add("p.positive = ?", q.positive());
            c.add("p.modelVersion = ?", q.modelVersion());
            return c;
        }

        private void add(String clause, Object value) {
            if (value != null) {
                values.add(value);
                clauses.add(clause + values.size());
            }
        }

        String where() {
            return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
        }

        void bind(TypedQuery<?> query) {
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
        }
    }
}
