package org.strokescan.examination.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ModelTraffic;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.RefusedImage;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.inference.entity.Classification.Classified;
import org.strokescan.inference.entity.Classification.Refused;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.ModelIdentity;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;

/**
 * The drift watch's input, read through Hibernate from a migrated H2 database as the server reads it: only the given
 * model version's slices and studies inside the window, the reviews that stand now, refusals by reason.
 */
class ModelTrafficQueryTest {

    private static final String URL = "jdbc:h2:mem:model-traffic;DB_CLOSE_DELAY=-1";
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant FROM = NOW.minus(Duration.ofDays(7));
    private static final ModelIdentity ACTIVE = new ModelIdentity("strokescan-ich", "2.0.0", "c".repeat(64));
    private static final ModelIdentity OLDER = new ModelIdentity("strokescan-ich", "1.3.0", "d".repeat(64));

    private static EntityManagerFactory factory;
    private static EntityManager em;

    @BeforeAll
    static void traffic() throws Exception {
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(URL);
        dataSource.setUser("sa");
        DatabaseMigration.migrateSchema(dataSource);
        factory = new HibernatePersistenceConfiguration("model-traffic")
                .managedClasses(List.of(Prediction.class, Examination.class, Review.class, RejectedUpload.class,
                        RefusedImage.class, StoredImage.class, OutboxMessage.class))
                .jdbcUrl(URL).jdbcCredentials("sa", "").property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
        factory.getSchemaManager().validate();
        em = factory.createEntityManager();
        em.getTransaction().begin();
        em.persist(new StoredImage("a".repeat(64), new byte[] {1}, "PNG", 256, 256, FROM));
        em.persist(new StoredImage("b".repeat(64), new byte[] {2}, "PNG", 512, 512, FROM));
        study(ACTIVE, NOW.minus(Duration.ofDays(1)), 0.9, "a", true);          // reviewed, agreed
        study(ACTIVE, NOW.minus(Duration.ofDays(2)), 0.1, "b", false, true);   // signed disagreeing, amended agreeing
        study(ACTIVE, NOW.minus(Duration.ofDays(3)), 0.7, "a", false);         // disagreed
        study(ACTIVE, NOW.minus(Duration.ofDays(8)), 0.5, "a", true);          // before the window
        study(OLDER, NOW.minus(Duration.ofDays(1)), 0.4, "a", true);           // another version
        em.persist(new Prediction(NOW.minus(Duration.ofHours(5)), "clinician1", null, null, "b".repeat(64), "x.png",
                classified(ACTIVE, 0.3)));                                      // a single image, no study
        refuse(NOW.minus(Duration.ofHours(1)), new Refused(GateVerdict.Reason.COLOUR, "colour"));
        refuse(NOW.minus(Duration.ofHours(2)), new Refused(GateVerdict.Reason.COLOUR, "colour"));
        refuse(NOW.minus(Duration.ofHours(3)), new Refused(IntakeResult.Reason.UNSUPPORTED_TYPE, "format"));
        refuse(NOW.minus(Duration.ofDays(9)), new Refused(GateVerdict.Reason.COLOUR, "old"));
        em.getTransaction().commit();
        em.clear();
    }

    @AfterAll
    static void close() {
        em.close();
        factory.close();
    }

    private static Classified classified(ModelIdentity model, double probability) {
        return new Classified((float) probability, probability >= 0.5, 0.5, model, ImageFormat.PNG, 256, 256, 1_000,
                40 + probability);
    }

    /** A one-slice study of {@code model} at {@code at}, signed (and amended) with these agreements in turn. */
    private static void study(ModelIdentity model, Instant at, double probability, String image, boolean... agreements) {
        Examination examination = new Examination(at, "clinician1", "MRN-" + UUID.randomUUID().toString().substring(0, 8),
                null, null);
        em.persist(examination);
        Prediction slice = new Prediction(at, "clinician1", examination.patientId(), examination.id(),
                image.repeat(64), "s.png", classified(model, probability));
        em.persist(slice);
        examination.addSlice(slice, probability, 0.5);
        for (int i = 0; i < agreements.length; i++) {
            em.persist(new Review(examination, i + 1, "clinician1", at.plusSeconds(60L * (i + 1)), agreements[i], null));
            examination.reviewed();
        }
    }

    private static void refuse(Instant at, Refused refused) {
        em.persist(new RefusedImage(at, refused, null));
    }

    @Test
    void theWindowHoldsTheActiveVersionsSlicesStudiesCurrentReviewsAndEveryRefusal() {
        ExaminationRepository repository = new ExaminationRepository();
        repository.em = em;
        ModelTraffic traffic = repository.traffic(ACTIVE.name(), ACTIVE.version(), FROM, NOW);
        assertEquals(List.of(0.1, 0.3, 0.7, 0.9), traffic.slices().stream().map(ModelTraffic.Slice::probability)
                .map(p -> Math.round(p * 1000) / 1000.0).sorted().toList(), "three studies' slices and a single image");
        assertEquals(2, traffic.slices().stream().filter(s -> s.width() == 512).count(), "sizes from the stored image");
        assertEquals(40.9, traffic.slices().stream().filter(s -> s.probability() > 0.8).findFirst().orElseThrow()
                .meanGrey(), 1e-4);
        assertEquals(List.of(false, true, true), traffic.studies().stream().map(ModelTraffic.Study::suspected).sorted()
                .toList());
        assertEquals(3, traffic.reviews(), "one review that stands now per signed study");
        assertEquals(2, traffic.agreements(), "the amendment overrules its signature");
        assertEquals(Map.of("GATE: COLOUR", 2L, "INTAKE: UNSUPPORTED_TYPE", 1L), traffic.refusals());
        assertEquals(3, traffic.refused());

        ModelTraffic older = repository.traffic(OLDER.name(), OLDER.version(), FROM, NOW);
        assertEquals(1, older.slices().size());
        assertEquals(1, older.studies().size());
    }
}
