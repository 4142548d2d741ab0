package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.audit.control.AuditChain;
import org.strokescan.audit.entity.ChainLink;
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
        long seq = 0;
        String previous = AuditChain.GENESIS;
        try (Connection connection = dataSource.getConnection()) {
            for (String subject : new String[] {"clinician1", "auditor1", "dr.new"}) {
                ChainLink link = AuditChain.next(seq, previous, Instant.now(), "admin", "ADMIN", "10.0.0.1",
                        "ACCOUNT_CREATED", subject, "SUCCESS", "");
                insert(connection, link);
                seq = link.seq();
                previous = link.hash();
            }
            try (PreparedStatement head = connection.prepareStatement(
                    "update audit_head set last_seq = ?, last_hash = ? where id = 1")) {
                head.setLong(1, seq);
                head.setString(2, previous);
                head.executeUpdate();
            }
        }
    }

    private static void insert(Connection connection, ChainLink link) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_record (seq, occurred_at, actor,"
                + " actor_roles, remote_address, action, subject, outcome, detail, previous_hash, hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, link.seq());
            insert.setObject(2, link.occurredAt().atOffset(ZoneOffset.UTC));
            String[] text = {link.actor(), link.actorRoles(), link.remoteAddress(), link.action(), link.subject(),
                    link.outcome(), link.detail(), link.previousHash(), link.hash()};
            for (int i = 0; i < text.length; i++) {
                insert.setString(i + 3, text[i]);
            }
            insert.executeUpdate();
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
