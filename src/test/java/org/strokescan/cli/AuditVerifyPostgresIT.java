package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strokescan.audit.control.AuditTrailFixture;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;
import org.strokescan.platform.PostgresTestDatabase;

/**
 * Tampering on the real PostgreSQL: the trigger refuses changes; a database owner who switches it off and
 * edits a record directly is still caught by {@code audit-verify}, which names the record.
 */
class AuditVerifyPostgresIT {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void databaseWithAThousandRecords() throws SQLException {
        database = PostgresTestDatabase.create("strokescan_audit");
        DatabaseMigration.migrateSchema(database.dataSource());
        try (Connection connection = database.dataSource().getConnection()) {
            AuditTrailFixture.append(connection, 1000, Instant.parse("2026-11-01T00:00:00Z"), 60);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    private static String[] auditVerify() {
        return auditVerify(database.url(), PostgresTestDatabase.USER);
    }

    private static String[] auditVerify(String url, String user) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"audit-verify"},
                Map.of("STROKESCAN_DB_URL", url, "STROKESCAN_DB_USER", user),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8).strip(),
                err.toString(StandardCharsets.UTF_8).strip()};
    }

    @Test
    void aTamperedRowIsRefusedAndWhenForcedInDetected() throws SQLException {
        assertEquals("OK 1000 records", auditVerify()[1]);
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.execute(
                    "update audit_record set actor = 'mallory' where seq = 500"), "the trigger refuses it");
            statement.execute("alter table audit_record disable trigger audit_record_no_change");
            statement.execute("update audit_record set actor = 'mallory' where seq = 500");
            statement.execute("alter table audit_record enable trigger audit_record_no_change");
        }
        String[] run = auditVerify();
        assertEquals("1", run[0]);
        assertTrue(run[2].startsWith("BROKEN at record 500: contents changed"), run[2]);
    }

    /**
     * Flyway migrates as the role that owns the schema; the server's role owns nothing: on the audit trail it may
     * read and append only, so it can neither change nor remove records, wind the head back, nor switch the trigger
     * off that guards them (today's single-role setup can, as the test above shows).
     */
    @Test
    void theRuntimeRoleCanOnlyReadAndAppendTheAuditTrail() throws SQLException {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String owner = "strokescan_owner_" + suffix;
        String app = "strokescan_app_" + suffix;
        PostgresTestDatabase separated = PostgresTestDatabase.create("strokescan_roles");
        try {
            String name = separated.url().substring(separated.url().lastIndexOf('/') + 1);
            asSuperuser("create role " + owner + " login", "create role " + app + " login",
                    "alter database " + name + " owner to " + owner);
            JdbcUrlDataSource asOwner = new JdbcUrlDataSource();
            asOwner.setUrl(separated.url());
            asOwner.setUser(owner);
            DatabaseMigration.migrateSchema(asOwner, app);
            assertEquals(0, DatabaseMigration.migrateSchema(asOwner, app).migrationsExecuted, "a restart migrates nothing");
            JdbcUrlDataSource asApp = new JdbcUrlDataSource();
            asApp.setUrl(separated.url());
            asApp.setUser(app);

            try (Connection connection = asApp.getConnection()) {
                AuditTrailFixture.append(connection, 5, Instant.parse("2026-12-01T00:00:00Z"), 60);
            }
            assertEquals("OK 5 records", auditVerify(separated.url(), app)[1], "the server's role appends and reads");
            try (Connection connection = asApp.getConnection(); Statement statement = connection.createStatement()) {
                String notAllowed = "42501"; // insufficient_privilege
                for (String tampering : List.of("update audit_record set actor = 'mallory' where seq = 3",
                        "delete from audit_record where seq > 3",
                        "truncate audit_record",
                        "alter table audit_record disable trigger audit_record_no_change",
                        "drop trigger audit_record_no_change on audit_record",
                        "alter table audit_head disable trigger audit_head_forward_only",
                        "delete from flyway_schema_history",
                        "create table audit_record_copy (seq bigint)")) {
                    SQLException refused = assertThrows(SQLException.class, () -> statement.execute(tampering), tampering);
                    assertEquals(notAllowed, refused.getSQLState(), tampering + ": " + refused.getMessage());
                }
                SQLException woundBack = assertThrows(SQLException.class, () -> statement.execute("update audit_head"
                        + " set last_seq = 3, last_hash = (select hash from audit_record where seq = 3)"));
                assertTrue(woundBack.getMessage().contains("audit_head only advances"), woundBack.getMessage());
            }
            assertEquals("OK 5 records", auditVerify(separated.url(), app)[1], "nothing changed");
        } finally {
            separated.close();
            asSuperuser("drop role if exists " + app, "drop role if exists " + owner);
        }
    }

    private static void asSuperuser(String... statements) throws SQLException {
        try (Connection admin = DriverManager.getConnection(PostgresTestDatabase.SERVER + "postgres",
                PostgresTestDatabase.USER, ""); Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
