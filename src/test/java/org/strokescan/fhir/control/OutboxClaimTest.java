package org.strokescan.fhir.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.entity.Examination;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.fhir.entity.ReportKind;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;
import org.strokescan.platform.PostgresTestDatabase;

/**
 * Two relays (the nodes of a cluster) and one message: the second does not wait for the first nor take the message
 * it holds ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL), and takes it once the first is done. On H2, the embedded
 * single-server database, taking a free message works.
 */
class OutboxClaimTest {

    @Test
    void aMessageAnotherRelayHoldsIsSkippedOnPostgres() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create("strokescan_outbox");
             EntityManagerFactory factory = factory(database.url(), PostgresTestDatabase.USER)) {
            DatabaseMigration.migrateSchema(database.dataSource());
            String message = pendingMessage(factory);
            EntityManager first = factory.createEntityManager();
            EntityManager second = factory.createEntityManager();
            EntityTransaction holding = first.getTransaction();
            holding.begin();
            assertTrue(repository(first).lockUnlessTaken(message).isPresent(), "the first relay takes it");

            EntityTransaction other = second.getTransaction();
            other.begin();
            Instant asked = Instant.now();
            Optional<OutboxMessage> taken = repository(second).lockUnlessTaken(message);
            assertTrue(taken.isEmpty(), "the second relay skips the message the first holds");
            assertTrue(Duration.between(asked, Instant.now()).toSeconds() < 5, "without waiting for the lock");
            other.rollback();

            holding.rollback(); // the first relay's node died: its lock is gone with its transaction
            other.begin();
            assertTrue(repository(second).lockUnlessTaken(message).isPresent(), "the next relay takes it");
            other.rollback();
            first.close();
            second.close();
        }
    }

    @Test
    void aFreeMessageIsTakenOnH2() throws Exception {
        String url = "jdbc:h2:mem:outbox-claim;DB_CLOSE_DELAY=-1";
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(url);
        dataSource.setUser("sa");
        DatabaseMigration.migrateSchema(dataSource);
        try (EntityManagerFactory factory = factory(url, "sa")) {
            String message = pendingMessage(factory);
            Optional<String> taken = factory.callInTransaction(em -> repository(em).lockUnlessTaken(message)
                    .map(OutboxMessage::id));
            assertEquals(Optional.of(message), taken);
        }
    }

    private static EntityManagerFactory factory(String url, String user) {
        return new HibernatePersistenceConfiguration("outbox-claim")
                .managedClasses(List.of(Examination.class, OutboxMessage.class))
                .jdbcUrl(url).jdbcCredentials(user, "").property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
    }

    private static String pendingMessage(EntityManagerFactory factory) {
        return factory.callInTransaction(em -> {
            Examination examination = new Examination(Instant.now(), "clinician1", "MRN-OUT1", null, null);
            em.persist(examination);
            OutboxMessage message = new OutboxMessage(UUID.randomUUID().toString(), examination.id(), 1,
                    ReportKind.FINAL, "MRN-OUT1", Instant.now(), "{}");
            em.persist(message);
            return message.id();
        });
    }

    private static OutboxRepository repository(EntityManager em) {
        OutboxRepository repository = new OutboxRepository();
        repository.em = em;
        return repository;
    }
}
