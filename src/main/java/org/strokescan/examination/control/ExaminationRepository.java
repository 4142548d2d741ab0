package org.strokescan.examination.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationQuery;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.ExaminationSource;
import org.strokescan.examination.entity.ModelTraffic;
import org.strokescan.examination.entity.PatientStudy;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.ReviewState;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.examination.entity.Verdict;
import org.strokescan.examination.entity.WorklistEntry;
import org.strokescan.platform.JpqlFilter;

/** Examinations with their slices, refusals and reviews; history filtered and sorted in the database. */
@Dependent
public class ExaminationRepository {

    /** Sortable columns by the name the view uses; anything else sorts by time. */
    private static final Map<String, String> SORTABLE = Map.of("createdAt", "createdAt", "patientId", "patientId",
            "maxProbability", "maxProbability", "sliceCount", "sliceCount", "verdict", "verdict",
            "reviewState", "reviewState");

    /** JPQL: review {@code r} is the one that stands now for its examination (the latest amendment, or the signature). */
    static final String CURRENT_REVIEW =
            "r.sequence = (select max(s.sequence) from Review s where s.examinationId = r.examinationId)";

    @PersistenceContext
    EntityManager em;

    /**
     * The examination if {@code clinician} may work on it: their own upload, or a department study from the PACS.
     * Another clinician's upload looks exactly like one that does not exist.
     */
    public Optional<Examination> reachable(String id, String clinician, boolean lockForUpdate) {
        if (id == null || !id.matches("[0-9a-f-]{36}")) {
            return Optional.empty();
        }
        Examination found = lockForUpdate ? em.find(Examination.class, id, LockModeType.PESSIMISTIC_WRITE)
                : em.find(Examination.class, id);
        return Optional.ofNullable(found).filter(e -> e.department() || e.clinician().equals(clinician));
    }

    /**
     * What model {@code modelName}/{@code modelVersion} classified in [{@code from}, {@code to}): its slices with their
     * stored images' sizes, the examinations it judged, the current reviews of those signed in the window, and every
     * refusal in the window by stage and reason.
     */
    public ModelTraffic traffic(String modelName, String modelVersion, Instant from, Instant to) {
        List<ModelTraffic.Slice> slices = em.createQuery("select p.createdAt, p.probability, p.positive, i.width, i.height, p.meanGrey"
                        + " from Prediction p, StoredImage i where i.sha256 = p.imageSha256 and p.modelName = :name"
                        + " and p.modelVersion = :version and p.createdAt >= :from and p.createdAt < :to", Object[].class)
                .setParameter("name", modelName).setParameter("version", modelVersion)
                .setParameter("from", from).setParameter("to", to)
                .getResultStream()
                .map(row -> new ModelTraffic.Slice((Instant) row[0], ((Number) row[1]).doubleValue(), (Boolean) row[2],
                        ((Number) row[3]).intValue(), ((Number) row[4]).intValue(),
                        row[5] == null ? null : ((Number) row[5]).doubleValue()))
                .toList();
        String ofModel = " exists (select p from Prediction p where p.examinationId = e.id and p.modelName = :name"
                + " and p.modelVersion = :version)";
        List<ModelTraffic.Study> studies = em.createQuery("select e.studyProbability, e.verdict from Examination e"
                        + " where e.studyProbability is not null and e.createdAt >= :from and e.createdAt < :to and"
                        + ofModel, Object[].class)
                .setParameter("name", modelName).setParameter("version", modelVersion)
                .setParameter("from", from).setParameter("to", to)
                .getResultStream()
                .map(row -> new ModelTraffic.Study(((Number) row[0]).doubleValue(), row[1] == Verdict.SUSPECTED))
                .toList();
        List<Boolean> agreements = em.createQuery("select r.agrees from Review r, Examination e where e.id = r.examinationId"
                        + " and r.signedAt >= :from and r.signedAt < :to and " + CURRENT_REVIEW + " and" + ofModel,
                        Boolean.class)
                .setParameter("name", modelName).setParameter("version", modelVersion)
                .setParameter("from", from).setParameter("to", to)
                .getResultList();
        Map<String, Long> refusals = new TreeMap<>();
        em.createQuery("select r.stage, r.reason, count(r) from RefusedImage r where r.createdAt >= :from"
                        + " and r.createdAt < :to group by r.stage, r.reason", Object[].class)
                .setParameter("from", from).setParameter("to", to)
                .getResultStream()
                .forEach(row -> refusals.put(row[0] + ": " + row[1], ((Number) row[2]).longValue()));
        return new ModelTraffic(slices, studies, refusals, agreements.size(),
                agreements.stream().filter(Boolean::booleanValue).count());
    }

    /**
     * The worklist of {@code clinician}: every department study and their own uploads started since {@code since};
     * unsigned before signed, suspected before the rest, and within each the longest waiting first.
     */
    public List<WorklistEntry> worklist(String clinician, Instant since, int max) {
        List<Examination> examinations = em.createQuery("select e from Examination e where e.createdAt >= :since"
                        + " and (e.source = :pacs or e.clinician = :clinician)"
                        + " order by case when e.reviewState = :unreviewed then 0 else 1 end,"
                        + " case when e.verdict = :suspected then 0 when e.verdict = :pending then 1 else 2 end,"
                        + " e.createdAt, e.id", Examination.class)
                .setParameter("since", since).setParameter("pacs", ExaminationSource.PACS)
                .setParameter("clinician", clinician).setParameter("unreviewed", ReviewState.UNREVIEWED)
                .setParameter("suspected", Verdict.SUSPECTED).setParameter("pending", Verdict.PENDING)
                .setMaxResults(max).getResultList();
        Map<String, Object[]> signatures = new HashMap<>();
        List<String> ids = examinations.stream().map(Examination::id).toList();
        if (!ids.isEmpty()) {
            em.createQuery("select r.examinationId, r.signedBy, r.signedAt from Review r where r.sequence = 1"
                            + " and r.examinationId in :ids", Object[].class).setParameter("ids", ids).getResultList()
                    .forEach(row -> signatures.put((String) row[0], row));
        }
        return examinations.stream().map(e -> {
            Object[] signature = signatures.get(e.id());
            return signature == null ? WorklistEntry.of(e, null, null)
                    : WorklistEntry.of(e, (String) signature[1], (Instant) signature[2]);
        }).toList();
    }

    public Optional<Examination> find(String id) {
        return Optional.ofNullable(em.find(Examination.class, id));
    }

    public StoredImage image(String sha256) {
        return em.find(StoredImage.class, sha256);
    }

    /**
     * The probabilities one model gave the examination's slices, the one stored in this transaction included (a
     * study is never scored across models).
     */
    public double[] sliceProbabilities(String examinationId, String modelChecksum) {
        return em.createQuery("select p.probability from Prediction p where p.examinationId = :id"
                        + " and p.modelChecksum = :model", Double.class)
                .setParameter("id", examinationId).setParameter("model", modelChecksum).getResultList().stream()
                .mapToDouble(Double::doubleValue).toArray();
    }

    public ExaminationRecord record(Examination examination) {
        List<Prediction> slices = em.createQuery("select p from Prediction p where p.examinationId = :id"
                + " order by p.probability desc, p.createdAt", Prediction.class)
                .setParameter("id", examination.id()).getResultList();
        List<RejectedUpload> rejections = em.createQuery("select r from RejectedUpload r where r.examinationId = :id"
                + " order by r.createdAt", RejectedUpload.class).setParameter("id", examination.id()).getResultList();
        return new ExaminationRecord(examination, slices, rejections, reviews(examination));
    }

    public List<Review> reviews(Examination examination) {
        return em.createQuery("select r from Review r where r.examinationId = :id order by r.sequence", Review.class)
                .setParameter("id", examination.id()).getResultList();
    }

    /**
     * The review that stands now of each of these examinations that has one, by examination id; with a
     * {@code clinician}, of that clinician's examinations only (null: of anyone's).
     */
    public Map<String, Review> currentReviews(Collection<String> examinationIds, String clinician) {
        if (examinationIds.isEmpty()) {
            return Map.of();
        }
        String owned = clinician == null ? ""
                : " and exists (select e from Examination e where e.id = r.examinationId and e.clinician = :clinician)";
        var query = em.createQuery("select r from Review r where r.examinationId in :ids and " + CURRENT_REVIEW + owned,
                Review.class).setParameter("ids", examinationIds);
        if (clinician != null) {
            query.setParameter("clinician", clinician);
        }
        return query.getResultStream().collect(Collectors.toMap(Review::examinationId, Function.identity()));
    }

    /**
     * The patient's examinations created since {@code since} that have a study verdict, newest first, at most
     * {@code max}, each with the review that stands now and the model of its newest slice.
     */
    public List<PatientStudy> ofPatientSince(String patientId, Instant since, int max) {
        List<Examination> examinations = em.createQuery("select e from Examination e where e.patientId = :patient"
                        + " and e.createdAt >= :since and e.verdict <> :pending order by e.createdAt desc, e.id",
                        Examination.class)
                .setParameter("patient", patientId).setParameter("since", since)
                .setParameter("pending", Verdict.PENDING)
                .setMaxResults(max).getResultList();
        Map<String, Review> reviews = currentReviews(examinations.stream().map(Examination::id).toList(), null);
        return examinations.stream().map(e -> {
            Object[] model = em.createQuery("select p.modelName, p.modelVersion from Prediction p"
                    + " where p.examinationId = :id order by p.createdAt desc", Object[].class)
                    .setParameter("id", e.id()).setMaxResults(1).getSingleResult();
            return new PatientStudy(e, Optional.ofNullable(reviews.get(e.id())), (String) model[0], (String) model[1]);
        }).toList();
    }

    public List<Examination> search(ExaminationQuery query, int first, int max, String sortField, boolean ascending) {
        JpqlFilter filter = filter(query);
        String order = SORTABLE.getOrDefault(sortField, "createdAt");
        return filter.bind(em.createQuery("select e from Examination e" + filter.where()
                        + " order by e." + order + (ascending ? " asc" : " desc") + ", e.id", Examination.class))
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long count(ExaminationQuery query) {
        JpqlFilter filter = filter(query);
        return filter.bind(em.createQuery("select count(e) from Examination e" + filter.where(), Long.class))
                .getSingleResult();
    }

    private static JpqlFilter filter(ExaminationQuery query) {
        return new JpqlFilter()
                .and("e.createdAt >= :from", "from", query.from())
                .and("e.createdAt < :to", "to", query.to())
                .and("e.clinician = :clinician", "clinician", query.clinician())
                .and("e.patientId = :patient", "patient", query.patientId())
                .and("e.verdict = :verdict", "verdict", query.verdict())
                .and("e.reviewState = :review", "review", query.reviewState());
    }
}
