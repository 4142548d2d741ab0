package org.strokescan.examination.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionQuery;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.examination.entity.Verdict;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.inference.entity.Classification.Classified;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.ModelIdentity;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;

/**
 * Issue 24, item 1: the review that stands now (an amendment over its signature) decides both what the lists show
 * as the clinician's finding and the auditor's "clinician agreed / disagreed with the AI" filter; run through
 * Hibernate on a migrated H2 database, as the server runs them.
 */
class ReviewQueriesTest {

    private static final String URL = "jdbc:h2:mem:review-queries;DB_CLOSE_DELAY=-1";
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static EntityManagerFactory factory;
    private static EntityManager em;
    private static String agreed;
    private static String disagreed;
    private static String overturned;
    private static String unsigned;

    @BeforeAll
    static void studies() throws Exception {
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(URL);
        dataSource.setUser("sa");
        DatabaseMigration.migrateSchema(dataSource);
        factory = new HibernatePersistenceConfiguration("review-queries")
                .managedClasses(List.of(Prediction.class, Examination.class, Review.class, RejectedUpload.class,
                        StoredImage.class, OutboxMessage.class))
                .jdbcUrl(URL).jdbcCredentials("sa", "").property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
        em = factory.createEntityManager();
        em.getTransaction().begin();
        em.persist(new StoredImage("a".repeat(64), new byte[] {1}, "PNG", 8, 8, AT));
        agreed = study("clinician1", true);
        disagreed = study("clinician1", false);
        overturned = study("clinician2", true, false); // signed agreeing, amended disagreeing
        unsigned = study("clinician2");
        em.getTransaction().commit();
        em.clear();
    }

    @AfterAll
    static void close() {
        em.close();
        factory.close();
    }

    /** A suspected one-slice study by {@code clinician}, signed and amended with these agreements in turn. */
    private static String study(String clinician, boolean... agreements) {
        Examination examination = new Examination(AT, clinician, "MRN-" + UUID.randomUUID().toString().substring(0, 8),
                null, null);
        em.persist(examination);
        Prediction slice = new Prediction(AT, clinician, examination.patientId(), examination.id(), "a".repeat(64),
                "s.png", new Classified(0.8f, true, 0.15, new ModelIdentity("m", "1", "c".repeat(64)), ImageFormat.PNG,
                8, 8, 1_000));
        em.persist(slice);
        examination.addSlice(slice, 0.8, 0.15);
        for (int i = 0; i < agreements.length; i++) {
            em.persist(new Review(examination, i + 1, clinician, AT.plusSeconds(60L * (i + 1)), agreements[i], null));
            examination.reviewed();
        }
        return examination.id();
    }

    private static Set<String> examinationsWhere(Boolean clinicianAgrees) {
        PredictionRepository predictions = new PredictionRepository();
        predictions.em = em;
        PredictionQuery query = new PredictionQuery(null, null, null, null, null, null, null, null, null, null,
                clinicianAgrees);
        assertEquals(predictions.search(query, 0, 100, "createdAt", false).size(), predictions.count(query));
        return predictions.search(query, 0, 100, "createdAt", false).stream().map(Prediction::examinationId)
                .collect(Collectors.toSet());
    }

    @Test
    void theAuditorsAgreementFilterGoesByTheReviewThatStandsNow() {
        assertEquals(Set.of(disagreed, overturned), examinationsWhere(false), "an amendment overrules its signature");
        assertEquals(Set.of(agreed), examinationsWhere(true));
        assertEquals(Set.of(agreed, disagreed, overturned, unsigned), examinationsWhere(null), "no filter");
    }

    @Test
    void theCurrentReviewGivesTheCliniciansFindingAndOnlyTheOwnersReviewsReachThem() {
        ExaminationRepository examinations = new ExaminationRepository();
        examinations.em = em;
        Map<String, Review> all = examinations.currentReviews(List.of(agreed, disagreed, overturned, unsigned), null);
        assertEquals(Set.of(agreed, disagreed, overturned), all.keySet(), "the unsigned study has none");
        assertEquals(2, all.get(overturned).sequence());
        assertEquals(Verdict.NOT_DETECTED, all.get(overturned).finding());
        assertEquals(Verdict.SUSPECTED, all.get(agreed).finding());

        assertEquals(Set.of(agreed, disagreed),
                examinations.currentReviews(List.of(agreed, disagreed, overturned, unsigned), "clinician1").keySet(),
                "a clinician's list gets their own examinations' reviews only");
        assertEquals(Map.of(), examinations.currentReviews(List.of(), "clinician1"));
    }
}
