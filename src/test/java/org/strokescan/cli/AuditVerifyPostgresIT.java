package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strokescan.audit.control.AuditTrailFixture;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;

/**
 * Tampering on the real PostgreSQL: the trigger refuses changes; a database owner who switches it off and
 * edits a record directly is still caught by {@code audit-verify}, which names the record.
 */
class AuditVerifyPostgresIT {

    private static final String SERVER = System.getenv().getOrDefault("STROKESCAN_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("STROKESCAN_TEST_PG_USER", "postgres");
    private static final String DATABASE = "strokescan_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static JdbcUrlDataSource dataSource;

    @BeforeAll
    static void databaseWithAThousandRecords() throws SQLException {
        DriverManager.setLoginTimeout(5);
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            assumeTrue(false, "needs PostgreSQL at " + SERVER + " (user " + USER + "): " + e.getMessage());
        }
        dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(SERVER + DATABASE);
        dataSource.setUser(USER);
        DatabaseMigration.migrateSchema(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            AuditTrailFixture.append(connection, 1000, Instant.parse("2026-11-01T00:00:00Z"), 60);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (dataSource != null) {
            try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
                 Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + DATABASE + " with (force)");
            }
        }
    }

    private static String[] auditVerify() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"audit-verify"},
                Map.of("STROKESCAN_DB_URL", SERVER + DATABASE, "STROKESCAN_DB_USER", USER),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8).strip(),
                err.toString(StandardCharsets.UTF_8).strip()};
    }

    @Test
    void aTamperedRowIsRefusedAndWhenForcedInDetected() throws SQLException {
        assertEquals("OK 1000 records", auditVerify()[1]);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
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
}
