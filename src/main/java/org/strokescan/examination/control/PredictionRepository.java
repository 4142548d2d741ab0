package org.strokescan.examination.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionQuery;
import org.strokescan.platform.JpqlFilter;

/** Stored predictions, filtered and sorted in the database, one page at a time. */
@Dependent
public class PredictionRepository {

    /** Sortable columns by the name the view uses; anything else sorts by time. */
    private static final Map<String, String> SORTABLE = Map.of("createdAt", "createdAt", "clinician", "clinician",
            "patientId", "patientId", "probability", "probability", "modelVersion", "modelVersion");

    @PersistenceContext
    EntityManager em;

    public List<Prediction> search(PredictionQuery query, int first, int max, String sortField, boolean ascending) {
        JpqlFilter filter = filter(query);
        String order = SORTABLE.getOrDefault(sortField, "createdAt");
        return filter.bind(em.createQuery("select p from Prediction p" + filter.where()
                        + " order by p." + order + (ascending ? " asc" : " desc") + ", p.id", Prediction.class))
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long count(PredictionQuery query) {
        JpqlFilter filter = filter(query);
        return filter.bind(em.createQuery("select count(p) from Prediction p" + filter.where(), Long.class))
                .getSingleResult();
    }

    private static JpqlFilter filter(PredictionQuery query) {
        return new JpqlFilter()
                .and("p.createdAt >= :from", "from", query.from())
                .and("p.createdAt < :to", "to", query.to())
                .and("p.clinician = :clinician", "clinician", query.clinician())
                .and("p.patientId = :patient", "patient", query.patientId())
                .and("p.positive = :positive", "positive", query.positive())
                .and("p.modelVersion = :model", "model", query.modelVersion());
    }
}
