package org.strokescan.examination.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.entity.DicomStudy;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.examination.entity.WorklistEntry;
import org.strokescan.inference.entity.Classification.Classified;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.ModelIdentity;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;

/**
 * The worklist as the server reads it (Hibernate on a migrated H2): department studies for every clinician, uploads
 * for their own clinician only; unsigned before signed, suspected first, then the longest waiting.
 */
class WorklistQueryTest {

    private static final String URL = "jdbc:h2:mem:worklist;DB_CLOSE_DELAY=-1";
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final ModelIdentity MODEL = new ModelIdentity("strokescan-ich", "2.0.0", "c".repeat(64));

    private static EntityManagerFactory factory;

    @BeforeAll
    static void studies() throws Exception {
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(URL);
        dataSource.setUser("sa");
        DatabaseMigration.migrateSchema(dataSource);
        factory = new HibernatePersistenceConfiguration("worklist")
                .managedClasses(List.of(Examination.class, Prediction.class, Review.class, StoredImage.class))
                .jdbcUrl(URL).jdbcCredentials("sa", "").property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
        factory.runInTransaction(em -> {
            em.persist(new StoredImage("a".repeat(64), new byte[] {1}, "DICOM", 256, 256, NOW));
            pacs(em, "MRN-OLDNEG", 50, 0.1, false);
            pacs(em, "MRN-SUSP", 10, 0.9, false);
            pacs(em, "MRN-OLDSUSP", 40, 0.8, false);
            pacs(em, "MRN-SIGNED", 60, 0.9, true);
            em.persist(Examination.fromPacs(NOW.minus(Duration.ofMinutes(5)), "pacs1", new DicomStudy("1.9",
                    "MRN-PENDING", null, null, null, null, null)));
            em.persist(new Examination(NOW.minus(Duration.ofMinutes(30)), "clinician1", "MRN-MINE", null, null));
            em.persist(new Examination(NOW.minus(Duration.ofMinutes(30)), "clinician2", "MRN-THEIRS", null, null));
            em.persist(Examination.fromPacs(NOW.minus(Duration.ofDays(9)), "pacs1", new DicomStudy("1.8",
                    "MRN-OLD", null, null, null, null, null)));
        });
    }

    private static void pacs(jakarta.persistence.EntityManager em, String patient, int minutesAgo, double probability,
                             boolean signed) {
        Instant at = NOW.minus(Duration.ofMinutes(minutesAgo));
        Examination study = Examination.fromPacs(at, "pacs1", new DicomStudy("1.2." + patient.hashCode(), patient,
                null, null, null, null, null));
        em.persist(study);
        Prediction slice = new Prediction(at, "pacs1", patient, study.id(), "a".repeat(64), "1.2.3",
                new Classified((float) probability, probability >= 0.5, 0.5, MODEL, ImageFormat.DICOM, 256, 256, 1, 40));
        em.persist(slice);
        study.addSlice(slice, probability, 0.5);
        study.classified("1.2", at.plusSeconds(20));
        if (signed) {
            em.persist(new Review(study, 1, "clinician2", at.plusSeconds(600), true, null));
            study.reviewed();
        }
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void departmentStudiesForEveryoneOwnUploadsForTheirOwnerSuspectedFirst() {
        List<WorklistEntry> clinician1 = worklist("clinician1");
        assertEquals(List.of("MRN-OLDSUSP", "MRN-SUSP", "MRN-MINE", "MRN-PENDING", "MRN-OLDNEG", "MRN-SIGNED"),
                clinician1.stream().map(WorklistEntry::patientId).toList());
        assertEquals(List.of("suspected", "suspected", "pending", "pending", "not-suspected", "suspected"),
                clinician1.stream().map(WorklistEntry::verdict).toList());
        WorklistEntry signed = clinician1.getLast();
        assertEquals("signed", signed.state());
        assertEquals("clinician2", signed.signedBy());
        assertEquals(NOW.minus(Duration.ofMinutes(50)), signed.signedAt());
        assertEquals("upload", clinician1.get(2).source());
        assertEquals("pacs", clinician1.getFirst().source());

        List<String> clinician2 = worklist("clinician2").stream().map(WorklistEntry::patientId).toList();
        assertEquals(List.of("MRN-OLDSUSP", "MRN-SUSP", "MRN-THEIRS", "MRN-PENDING", "MRN-OLDNEG", "MRN-SIGNED"),
                clinician2);
    }

    private static List<WorklistEntry> worklist(String clinician) {
        return factory.callInTransaction(em -> {
            ExaminationRepository repository = new ExaminationRepository();
            repository.em = em;
            return repository.worklist(clinician, NOW.minus(Duration.ofDays(7)), 100);
        });
    }
}
