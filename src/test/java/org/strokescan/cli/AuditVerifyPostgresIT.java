package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strokescan.audit.control.AuditTrailFixture;
import org.strokescan.platform.DatabaseMigration;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"audit-verify"},
                Map.of("STROKESCAN_DB_URL", database.url(), "STROKESCAN_DB_USER", PostgresTestDatabase.USER),
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
}
