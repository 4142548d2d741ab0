package org.strokescan.pacs.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.entity.DicomStudy;
import org.strokescan.examination.entity.Examination;
import org.strokescan.pacs.entity.DicomInstance;
import org.strokescan.pacs.entity.IncomingStudy;
import org.strokescan.pacs.entity.InstanceSummary;
import org.strokescan.pacs.entity.IntakeState;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;

/**
 * The PACS intake's store through Hibernate on a migrated H2 database, as the server runs it: the V15 tables validate
 * against the entities, a due study is claimed once, a slice's bytes are dropped when it is classified, and a study's
 * leftovers only up to the moment its classification began.
 */
class PacsRepositoryTest {

    private static final String URL = "jdbc:h2:mem:pacs-repository;DB_CLOSE_DELAY=-1";
    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    private static EntityManagerFactory factory;

    @BeforeAll
    static void migrate() throws Exception {
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(URL);
        dataSource.setUser("sa");
        DatabaseMigration.migrateSchema(dataSource);
        factory = new HibernatePersistenceConfiguration("pacs-repository")
                .managedClasses(List.of(Examination.class, DicomInstance.class, IncomingStudy.class))
                .jdbcUrl(URL).jdbcCredentials("sa", "").property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
        factory.getSchemaManager().validate();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aDueStudyIsClaimedOnceAndItsBytesAreDroppedAsItIsClassified() {
        String examination = factory.callInTransaction(em -> {
            Examination study = Examination.fromPacs(T0, "pacs1", new DicomStudy("1.2.3.4", "MRN-PACS1", "HOSP",
                    "ACC1", null, "REF^A", null));
            em.persist(study);
            IncomingStudy incoming = new IncomingStudy(study.id(), "1.2.3.4", T0);
            em.persist(incoming);
            for (int i = 1; i <= 3; i++) {
                em.persist(new DicomInstance(new InstanceSummary("1.2.3.4.1." + i, "1.2.3.4.1", i, i * 5.0, 5.0, true,
                        256, 256), study.id(), T0.plusSeconds(i), "pacs1", "AXIAL 5 mm", new byte[] {(byte) i}));
                incoming.received(T0.plusSeconds(i));
            }
            return study.id();
        });
        Instant quietSince = T0.plusSeconds(10);
        inTransaction(repository -> {
            assertTrue(repository.knows("1.2.3.4.1.2"));
            assertFalse(repository.knows("9.9.9"));
            assertEquals(List.of(), repository.due(T0.plusSeconds(2), 10), "an instance arrived after that moment");
            assertEquals(List.of(examination), repository.due(quietSince, 10));
            assertEquals(3, repository.summaries(examination).size());
            assertEquals("AXIAL 5 mm", repository.seriesDescription(examination, "1.2.3.4.1"));
        });
        boolean first = callInTransaction(repository -> repository.claim(examination, quietSince, "node1", quietSince));
        boolean second = callInTransaction(repository -> repository.claim(examination, quietSince, "node2", quietSince));
        assertTrue(first);
        assertFalse(second, "claimed once only");
        inTransaction(repository -> assertEquals(List.of(), repository.due(quietSince, 10)));

        inTransaction(repository -> repository.release("1.2.3.4.1.1"));
        inTransaction(repository -> {
            assertTrue(repository.content("1.2.3.4.1.1").isEmpty(), "a classified slice's bytes are gone");
            assertArrayEquals(new byte[] {2}, repository.content("1.2.3.4.1.2").orElseThrow());
        });
        // a late instance arrives while the study is being classified: finishing keeps its bytes and the study waits
        factory.runInTransaction(em -> {
            em.persist(new DicomInstance(new InstanceSummary("1.2.3.4.1.4", "1.2.3.4.1", 4, 20.0, 5.0, true, 256, 256),
                    examination, quietSince.plusSeconds(1), "pacs1", null, new byte[] {4}));
            em.find(IncomingStudy.class, examination).received(quietSince.plusSeconds(1));
        });
        inTransaction(repository -> {
            repository.releaseStudy(examination, quietSince);
            repository.incoming(examination).orElseThrow().classified(quietSince, "done");
        });
        inTransaction(repository -> {
            assertTrue(repository.content("1.2.3.4.1.3").isEmpty());
            assertArrayEquals(new byte[] {4}, repository.content("1.2.3.4.1.4").orElseThrow());
            assertEquals(IntakeState.RECEIVING, repository.incoming(examination).orElseThrow().state(),
                    "another round for the late instance");
        });
    }

    @Test
    void aStudyInterruptedWhileBeingClassifiedWaitsAgain() {
        String examination = pacsStudy("1.2.3.5");
        boolean claimed = callInTransaction(repository -> repository.claim(examination, T0.plusSeconds(5), "restarting", T0));
        assertTrue(claimed);
        int byAnother = callInTransaction(repository -> repository.requeueInterrupted("starting"));
        assertEquals(0, byAnother, "another node starting leaves the study alone");
        int byItself = callInTransaction(repository -> repository.requeueInterrupted("restarting"));
        assertEquals(1, byItself, "the node's restart takes its study back");
        inTransaction(repository -> {
            IncomingStudy study = repository.incoming(examination).orElseThrow();
            assertEquals(IntakeState.RECEIVING, study.state());
            assertEquals(null, study.claimedBy());
            study.classified(T0.plusSeconds(1), "done"); // not due for the other tests
        });
    }

    /** A node that dies mid-study: its claim grows old and the study waits again, unless it kept renewing. */
    @Test
    void aStudyOfANodeThatStoppedShowingProgressWaitsAgain() {
        String renewed = pacsStudy("1.2.3.6");
        String abandoned = pacsStudy("1.2.3.7");
        boolean first = callInTransaction(repository -> repository.claim(renewed, T0.plusSeconds(5), "alive", T0));
        boolean second = callInTransaction(repository -> repository.claim(abandoned, T0.plusSeconds(5), "dead", T0));
        assertTrue(first && second);
        boolean alive = callInTransaction(repository -> repository.renew(renewed, "alive", T0.plusSeconds(100)));
        boolean stranger = callInTransaction(repository -> repository.renew(abandoned, "stranger", T0.plusSeconds(100)));
        assertTrue(alive);
        assertFalse(stranger, "not its claim");
        int requeued = callInTransaction(repository -> repository.requeueAbandoned(T0.plusSeconds(50)));
        assertEquals(1, requeued);
        boolean dead = callInTransaction(repository -> repository.renew(abandoned, "dead", T0.plusSeconds(101)));
        assertFalse(dead, "the claim of a node that stopped showing progress is gone: the node learns it lost the study");
        inTransaction(repository -> {
            assertEquals(IntakeState.CLASSIFYING, repository.incoming(renewed).orElseThrow().state());
            assertEquals("alive", repository.incoming(renewed).orElseThrow().claimedBy());
            assertEquals(IntakeState.RECEIVING, repository.incoming(abandoned).orElseThrow().state());
            // not due for the other tests
            repository.incoming(renewed).orElseThrow().classified(T0.plusSeconds(1), "done");
            repository.incoming(abandoned).orElseThrow().classified(T0.plusSeconds(1), "done");
        });
    }

    private static String pacsStudy(String studyUid) {
        return factory.callInTransaction(em -> {
            Examination study = Examination.fromPacs(T0, "pacs1", new DicomStudy(studyUid, "MRN-" + studyUid.replace('.', '-'),
                    null, null, null, null, null));
            em.persist(study);
            em.persist(new IncomingStudy(study.id(), studyUid, T0));
            return study.id();
        });
    }

    private interface Work {
        void run(PacsRepository repository);
    }

    private interface Call<T> {
        T run(PacsRepository repository);
    }

    private static void inTransaction(Work work) {
        factory.runInTransaction(em -> work.run(repository(em)));
    }

    private static <T> T callInTransaction(Call<T> call) {
        return factory.callInTransaction(em -> call.run(repository(em)));
    }

    private static PacsRepository repository(EntityManager em) {
        PacsRepository repository = new PacsRepository();
        repository.em = em;
        return repository;
    }
}
