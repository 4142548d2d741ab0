package org.strokescan.examination.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.strokescan.examination.entity.HistoryStatistics;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionQuery;
import org.strokescan.examination.entity.ExaminationSource;
import org.strokescan.examination.entity.ReviewState;
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

    public Optional<Prediction> find(String id) {
        return Optional.ofNullable(em.find(Prediction.class, id));
    }

    public long count(PredictionQuery query) {
        JpqlFilter filter = filter(query);
        return filter.bind(em.createQuery("select count(p) from Prediction p" + filter.where(), Long.class))
                .getSingleResult();
    }

    /** Counts for the auditor's charts over every prediction the query matches (at most {@code limit} of them). */
    public HistoryStatistics statistics(PredictionQuery query, int limit) {
        JpqlFilter filter = filter(query);
        List<Object[]> rows = filter.bind(em.createQuery("select p.createdAt, p.probability, p.positive, p.modelVersion"
                + " from Prediction p" + filter.where() + " order by p.createdAt desc", Object[].class))
                .setMaxResults(limit).getResultList();
        ZoneId zone = ZoneId.systemDefault();
        SortedMap<LocalDate, long[]> perDay = new TreeMap<>();
        SortedMap<LocalDate, Map<String, Long>> versions = new TreeMap<>();
        long[] histogram = new long[10];
        for (Object[] row : rows) {
            LocalDate day = LocalDate.ofInstant((Instant) row[0], zone);
            long[] counts = perDay.computeIfAbsent(day, d -> new long[2]);
            counts[0]++;
            counts[1] += (Boolean) row[2] ? 1 : 0;
            histogram[Math.min(9, (int) ((Double) row[1] * 10))]++;
            versions.computeIfAbsent(day, d -> new TreeMap<>()).merge((String) row[3], 1L, Long::sum);
        }
        List<Object[]> reviews = filter.bind(em.createQuery("select r.examinationId, r.sequence, r.agrees, r.signedAt from Review r"
                + " where r.examinationId in (select p.examinationId from Prediction p" + filter.where() + ")",
                Object[].class)).getResultList();
        Map<String, Object[]> current = new HashMap<>();
        for (Object[] review : reviews) {
            current.merge((String) review[0], review, (a, b) -> (Integer) a[1] > (Integer) b[1] ? a : b);
        }
        SortedMap<LocalDate, long[]> agreement = new TreeMap<>();
        for (Object[] review : current.values()) {
            agreement.computeIfAbsent(LocalDate.ofInstant((Instant) review[3], zone), d -> new long[2])
                    [(Boolean) review[2] ? 0 : 1]++;
        }
        return new HistoryStatistics(perDay, histogram, versions, agreement);
    }

    /** The review state of each listed examination, for showing it next to its predictions. */
    public Map<String, ReviewState> reviewStates(Collection<String> examinationIds) {
        if (examinationIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select e.id, e.reviewState from Examination e where e.id in :ids", Object[].class)
                .setParameter("ids", examinationIds).getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (ReviewState) row[1]));
    }

    /** Where each listed examination came from (the PACS or an upload). */
    public Map<String, ExaminationSource> sources(Collection<String> examinationIds) {
        if (examinationIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select e.id, e.source from Examination e where e.id in :ids", Object[].class)
                .setParameter("ids", examinationIds).getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (ExaminationSource) row[1]));
    }

    private static JpqlFilter filter(PredictionQuery query) {
        return new JpqlFilter()
                .and("p.createdAt >= :from", "from", query.from())
                .and("p.createdAt < :to", "to", query.to())
                .and("p.clinician = :clinician", "clinician", query.clinician())
                .and("p.patientId = :patient", "patient", query.patientId())
                .and("p.positive = :positive", "positive", query.positive())
                .and("p.modelVersion = :model", "model", query.modelVersion())
                .and("p.probability >= :minProbability", "minProbability", query.minProbability())
                .and("p.probability <= :maxProbability", "maxProbability", query.maxProbability())
                .and("exists (select e from Examination e where e.id = p.examinationId and e.reviewState = :review)",
                        "review", query.reviewState())
                .and("exists (select r from Review r where r.examinationId = p.examinationId and r.agrees = :agrees and "
                        + ExaminationRepository.CURRENT_REVIEW + ")", "agrees", query.clinicianAgrees())
                // the EHR outbox belongs to the fhir component; named here only in the query, by its entity name
                .and("exists (select m from OutboxMessage m where m.examinationId = p.examinationId"
                        + " and cast(m.state as String) = :delivery)", "delivery", query.deliveryState());
    }
}
