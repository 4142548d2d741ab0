package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.audit.control.AuditTrailFixture;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;

/** {@code audit-verify} against an H2 database migrated with the server's own scripts. */
class AuditVerifyCommandTest {

    @TempDir
    Path folder;

    private String url;
    private JdbcUrlDataSource dataSource;

    @BeforeEach
    void migratedDatabaseWithThreeRecords() throws SQLException {
        url = "jdbc:h2:file:" + folder.resolve("strokescan").toAbsolutePath();
        dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(url);
        dataSource.setUser("sa");
        DatabaseMigration.migrateSchema(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            AuditTrailFixture.append(connection, 3, Instant.now(), 1);
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run auditVerify(Map<String, String> environment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"audit-verify"}, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    private Run auditVerify() {
        return auditVerify(Map.of("STROKESCAN_DB_URL", url, "STROKESCAN_DB_USER", "sa"));
    }

    @Test
    void printsOkAndExitsZeroForAnIntactTrail() {
        assertEquals(new Run(0, "OK 3 records", ""), auditVerify());
    }

    @Test
    void namesTheFirstChangedRecordAndExitsOne() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update audit_record set subject = 'mallory' where seq = 2");
        }
        Run run = auditVerify();
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("BROKEN at record 2: contents changed"), run.err());
    }

    @Test
    void findsADeletedRecord() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from audit_record where seq = 3");
        }
        Run run = auditVerify();
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("BROKEN at record 3"), run.err());
    }

    @Test
    void aMissingDatabaseIsReportedNotCreated() {
        Run run = auditVerify(Map.of("STROKESCAN_DB_URL", "jdbc:h2:file:" + folder.resolve("nothing-here").toAbsolutePath()));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Cannot read the audit trail"), run.err());
        assertTrue(folder.resolve("nothing-here.mv.db").toFile().exists() == false, "no empty database left behind");
    }

    @Test
    void unknownCommandsGetUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"nonsense"}, Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("audit-verify"));
    }
}
