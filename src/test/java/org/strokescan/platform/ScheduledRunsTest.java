package org.strokescan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;

/**
 * One run of a scheduled job per slot, whichever node asks first; on PostgreSQL, as the cluster runs it, two nodes
 * asking at the same moment.
 */
class ScheduledRunsTest {

    @Test
    void oneNodeTakesEachRunOnPostgres() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create("strokescan_runs");
             EntityManagerFactory factory = new HibernatePersistenceConfiguration("scheduled-runs")
                     .managedClasses(List.of(ScheduledRun.class)).jdbcUrl(database.url())
                     .jdbcCredentials(PostgresTestDatabase.USER, "").property("hibernate.jdbc.time_zone", "UTC")
                     .createEntityManagerFactory()) {
            DatabaseMigration.migrateSchema(database.dataSource());
            Instant now = Instant.now();

            // two nodes insert the same run in open transactions: the database makes the second wait, then refuses it
            EntityManager first = factory.createEntityManager();
            first.getTransaction().begin();
            assertTrue(ScheduledRuns.claim(first, "drift-check", "2026-12-05", "node1", now));
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
                EntityManager em = factory.createEntityManager();
                em.getTransaction().begin();
                try {
                    return ScheduledRuns.claim(em, "drift-check", "2026-12-05", "node2", now);
                } finally {
                    em.getTransaction().rollback();
                    em.close();
                }
            });
            // the second's insert waits on the first's row (not a look that found it there already)
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (waitingOnLock(factory) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, waitingOnLock(factory), "node2's insert waits for node1's transaction");
            assertFalse(second.isDone());
            first.getTransaction().commit();
            first.close();
            assertFalse(second.get(), "node2 skips the run node1 took");

            boolean later = factory.callInTransaction(em -> ScheduledRuns.claim(em, "drift-check", "2026-12-05", "node3", now));
            assertFalse(later, "and so does a node asking later");
            boolean nextDay = factory.callInTransaction(em -> ScheduledRuns.claim(em, "drift-check", "2026-12-06", "node2", now));
            assertTrue(nextDay, "the next slot is free");
            long rows = factory.callInTransaction(em -> em.createQuery("select count(r) from ScheduledRun r", Long.class)
                    .getSingleResult());
            assertEquals(2, rows);
        }
    }

    private static long waitingOnLock(EntityManagerFactory factory) {
        return factory.callInTransaction(em -> ((Number) em.createNativeQuery("select count(*) from pg_stat_activity"
                + " where datname = current_database() and wait_event_type = 'Lock'").getSingleResult()).longValue());
    }
}
