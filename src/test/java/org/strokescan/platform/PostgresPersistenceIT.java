package org.strokescan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strokescan.platform.Role;
import org.strokescan.security.entity.Account;

/**
 * The production database path against the real PostgreSQL on 127.0.0.1:5432: the same Flyway scripts the
 * server runs, then Hibernate validating and using the entities. Each run works in a database of its own.
 */
class PostgresPersistenceIT {

    private static PostgresTestDatabase database;
    private static JdbcUrlDataSource dataSource;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.create("strokescan_it");
        dataSource = database.dataSource();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void migratesValidatesAndStoresAccounts() throws Exception {
        assertEquals("postgresql", DatabaseMigration.vendorFolder(dataSource));
        MigrateResult first = DatabaseMigration.migrateSchema(dataSource);
        assertTrue(first.migrationsExecuted > 0, "the PostgreSQL scripts ran");
        assertEquals(0, DatabaseMigration.migrateSchema(dataSource).migrationsExecuted, "a restart migrates nothing");

        try (EntityManagerFactory factory = new HibernatePersistenceConfiguration("postgres-it")
                .managedClass(Account.class)
                // the drift watch's tables and column (V14) and the PACS intake's (V15) validate against the
                // PostgreSQL scripts too
                .managedClasses(java.util.List.of(org.strokescan.examination.entity.Prediction.class,
                        org.strokescan.examination.entity.RefusedImage.class,
                        org.strokescan.monitoring.entity.DriftCheck.class,
                        org.strokescan.examination.entity.Examination.class,
                        org.strokescan.pacs.entity.DicomInstance.class,
                        org.strokescan.pacs.entity.IncomingStudy.class))
                .jdbcUrl(database.url())
                .jdbcCredentials(PostgresTestDatabase.USER, "")
                .property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory()) {
            factory.getSchemaManager().validate();

            Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
            factory.runInTransaction(em -> {
                Account account = new Account("dr.pg", "Dr Postgres", Set.of(Role.CLINICIAN, Role.AUDITOR),
                        "pbkdf2-sha256:600000:salt:hash", true, created);
                for (int i = 0; i < 5; i++) {
                    account.recordFailedLogin();
                }
                em.persist(account);
            });

            Account loaded = factory.callInTransaction(em -> findByUsername(em, "dr.pg"));
            assertEquals(Set.of(Role.CLINICIAN, Role.AUDITOR), loaded.getRoles());
            assertEquals(created, loaded.getCreatedAt());
            assertEquals(5, loaded.getFailedLogins());
            assertTrue(loaded.isMustChangePassword());

            factory.runInTransaction(em -> findByUsername(em, "dr.pg").recordSuccessfulLogin(created.plusSeconds(1000)));
            assertEquals(0, factory.callInTransaction(em -> findByUsername(em, "dr.pg")).getFailedLogins());

            assertThrows(PersistenceException.class, () -> factory.runInTransaction(em -> em.persist(
                    new Account("dr.pg", "Duplicate", Set.of(Role.ADMIN), "x", false, created))),
                    "usernames are unique in the database too");
        }

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.execute(
                    "insert into account_role (account_id, role) select id, 'ROOT' from account"),
                    "unknown roles are refused by the schema");
            statement.execute("insert into audit_record values (1, now(), 'admin', 'ADMIN', '-', 'LOGOUT', 'admin',"
                    + " 'SUCCESS', '', repeat('0', 64), repeat('a', 64))");
            for (String change : new String[] {"update audit_record set actor = 'mallory'", "delete from audit_record",
                    "truncate audit_record"}) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(change), change);
                assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            }
        }
    }

    /**
     * Every entity of the server's persistence unit validates against the PostgreSQL scripts, as the server checks at
     * startup (a column type that only H2 accepted kept a PostgreSQL server from becoming ready).
     */
    @Test
    void everyEntityOfThePersistenceUnitValidates() throws Exception {
        DatabaseMigration.migrateSchema(dataSource);
        try (EntityManagerFactory factory = new HibernatePersistenceConfiguration("postgres-it-all")
                .managedClasses(PersistenceUnitClasses.all())
                .jdbcUrl(database.url())
                .jdbcCredentials(PostgresTestDatabase.USER, "")
                .property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory()) {
            factory.getSchemaManager().validate();
        }
    }

    private static Account findByUsername(EntityManager em, String username) {
        return em.createQuery("select a from Account a where a.username = :u", Account.class)
                .setParameter("u", username).getSingleResult();
    }
}
