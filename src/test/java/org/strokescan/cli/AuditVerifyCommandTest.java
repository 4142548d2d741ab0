package org.strokescan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.audit.control.AuditChain;
import org.strokescan.audit.control.AuditTrailFixture;
import org.strokescan.audit.control.CheckpointFile;
import org.strokescan.audit.control.CheckpointKeysFixture;
import org.strokescan.audit.control.CheckpointSigner;
import org.strokescan.audit.entity.AuditCheckpoint;
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

    private Run auditVerify(Map<String, String> environment, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[options.length + 1];
        args[0] = "audit-verify";
        System.arraycopy(options, 0, args, 1, options.length);
        int code = Main.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    private Run auditVerify(String... options) {
        return auditVerify(Map.of("STROKESCAN_DB_URL", url, "STROKESCAN_DB_USER", "sa"), options);
    }

    private static final Instant CHECKPOINT_TIME = Instant.parse("2026-12-04T06:00:00Z");

    private final KeyPair key = CheckpointKeysFixture.generate();

    /** 62 more records (65 in all), checkpoints signed at 40 and 65, as the server writes them. */
    private String[] sixtyFiveRecordsWithCheckpoints() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from audit_record");
            statement.executeUpdate("update audit_head set last_seq = 0, last_hash = '" + AuditChain.GENESIS + "'");
            AuditTrailFixture.append(connection, 65, Instant.parse("2026-12-04T05:00:00Z"), 1);
        }
        CheckpointFile file = new CheckpointFile(folder.resolve("checkpoints").resolve(CheckpointFile.NAME));
        CheckpointSigner signer = CheckpointKeysFixture.signer(key);
        file.append(signer.sign(40, hashAt(40), CHECKPOINT_TIME.minusSeconds(1800)));
        file.append(signer.sign(65, hashAt(65), CHECKPOINT_TIME));
        return new String[] {"--checkpoints", file.path().toString(), "--public-key",
            CheckpointKeysFixture.writePublicKey(key, folder.resolve("checkpoint-key.pub.pem")).toString()};
    }

    private String hashAt(long seq) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select hash from audit_record where seq = " + seq)) {
            row.next();
            return row.getString(1);
        }
    }

    /** What an owner of the database can do: delete the newest records and make the head row agree. */
    private void deleteNewestRecordsAndRewriteTheHead(int keep) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from audit_record where seq > " + keep);
            statement.executeUpdate("update audit_head set last_seq = " + keep + ", last_hash = (select hash from"
                    + " audit_record where seq = " + keep + ") where id = 1");
        }
    }

    @Test
    void aChainShortenedTogetherWithItsHeadIsFoundOnlyAgainstSignedCheckpoints() throws Exception {
        String[] checkpoints = sixtyFiveRecordsWithCheckpoints();
        assertEquals(new Run(0, "OK 65 records, 2 signed checkpoint(s) matched", ""), auditVerify(checkpoints));

        deleteNewestRecordsAndRewriteTheHead(63);

        assertEquals(new Run(0, "OK 63 records", ""), auditVerify(), "the database alone cannot tell");
        Run run = auditVerify(checkpoints);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("BROKEN at record 64: record 64 is missing: the checkpoint of 2026-12-04T06:00:00Z vouches for 65"
                + " records (63 records checked)", run.err());
    }

    @Test
    void aForgedOrForeignCheckpointIsReportedAndFailsTheCheck() throws Exception {
        String[] checkpoints = sixtyFiveRecordsWithCheckpoints();
        Path file = Path.of(checkpoints[1]);
        List<String> lines = Files.readAllLines(file);
        // the database's owner shortens the chain and "fixes" the newest checkpoint to match, without the key
        deleteNewestRecordsAndRewriteTheHead(63);
        AuditCheckpoint newest = CheckpointFile.parse(lines.get(1));
        String forged = CheckpointFile.line(new AuditCheckpoint(63, hashAt(63), newest.time(), newest.keyId(),
                newest.signature()));
        // ...or signs one with a key of their own
        String foreign = CheckpointFile.line(CheckpointKeysFixture.signer(CheckpointKeysFixture.generate())
                .sign(63, hashAt(63), CHECKPOINT_TIME));
        Files.write(file, List.of(lines.get(0), forged, foreign, "not json"));

        Run run = auditVerify(checkpoints);
        assertEquals(1, run.exitCode(), run.toString());
        List<String> reported = run.err().lines().toList();
        assertEquals(4, reported.size(), run.err());
        assertEquals("FORGED checkpoint on line 2: record 63 of 2026-12-04T06:00:00Z: the signature does not verify"
                + " with the given public key (forged or altered)", reported.get(0));
        assertTrue(reported.get(1).startsWith("FORGED checkpoint on line 3: record 63 of 2026-12-04T06:00:00Z names key "),
                reported.get(1));
        assertTrue(reported.get(2).startsWith("FORGED checkpoint on line 4: not a checkpoint"), reported.get(2));
        assertEquals("FAILED: 3 checkpoint(s) not signed by the given key; the chain against the others: OK 63 records,"
                + " 1 signed checkpoint(s) matched", reported.get(3), "the genuine checkpoint at 40 still matches");
    }

    @Test
    void checkpointsAndPublicKeyGoTogether() throws Exception {
        String[] checkpoints = sixtyFiveRecordsWithCheckpoints();
        Run run = auditVerify(checkpoints[0], checkpoints[1]);
        assertEquals(Main.USAGE, run.exitCode());
        assertTrue(run.err().contains("--public-key"), run.err());
    }

    @Test
    void anEmptyCheckpointFileCannotVouchForAnything() throws Exception {
        String[] checkpoints = sixtyFiveRecordsWithCheckpoints();
        Files.writeString(Path.of(checkpoints[1]), "");
        Run run = auditVerify(checkpoints);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("holds none"), run.err());
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
