package org.strokescan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.strokescan.audit.control.AuditChain;
import org.strokescan.audit.control.CheckpointFile;
import org.strokescan.audit.control.CheckpointKeys;
import org.strokescan.audit.control.CheckpointSigner;
import org.strokescan.audit.entity.AuditCheckpoint;
import org.strokescan.audit.entity.ChainLink;
import org.strokescan.audit.entity.ChainVerification;
import org.strokescan.platform.JdbcUrlDataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code audit-verify}: reads the audit trail straight from the database the server uses and checks the hash
 * chain. Prints {@code OK <n> records} and exits 0, or names the first broken record and exits 1. Given the signed
 * checkpoints the server wrote outside the database, it also finds a chain that was shortened together with its head.
 */
@Command(name = "audit-verify",
        description = {"Check the audit trail's hash chain in the server's database.",
            "",
            "Reads the audit trail of the database in strokescan.db.url (environment STROKESCAN_DB_URL,"
                + " STROKESCAN_DB_USER, STROKESCAN_DB_PASSWORD; default: the server's embedded database) and checks"
                + " its hash chain: prints \"OK <n> records\" and exits 0, or names the first broken record and exits"
                + " 1; exits 2 when the trail cannot be read (no such database, no audit trail in it, or an embedded"
                + " database that the running server holds open).",
            "",
            "With --checkpoints and --public-key it also checks the chain against the server's signed checkpoints"
                + " (audit-checkpoints.jsonl, kept outside the database): every checkpoint must carry a valid signature"
                + " of that key, and the chain must hold its record with exactly its hash. A chain shortened together"
                + " with its head is reported with the first missing record; a forged or altered checkpoint, too."})
final class AuditVerifyCommand implements Callable<Integer> {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int CANNOT_CHECK = 2;

    private static final int PAGE = 10_000;

    @Mixin
    HelpOption help;

    @ArgGroup(exclusive = false)
    Anchor anchor;

    /** The two options only make sense together. */
    static final class Anchor {
        @Option(names = "--checkpoints", paramLabel = "FILE", required = true,
                description = "The signed checkpoints (audit-checkpoints.jsonl, as the server wrote or an auditor"
                        + " downloaded them from /api/v1/audit/checkpoints).")
        Path checkpoints;

        @Option(names = "--public-key", paramLabel = "FILE", required = true,
                description = "The Ed25519 public key that signed them (PEM or DER; openssl pkey -pubout).")
        Path publicKey;
    }

    private final CliContext context;

    AuditVerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CliConfig config = context.config();
        PrintStream out = context.out();
        PrintStream err = context.err();
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(config.get("strokescan.db.url").map(AuditVerifyCommand::existingOnly).orElse(null));
        dataSource.setUser(config.get("strokescan.db.user").orElse(""));
        dataSource.setPassword(config.get("strokescan.db.password").orElse(""));
        List<AuditCheckpoint> vouched = List.of();
        int forged = 0;
        if (anchor != null) {
            try {
                PublicKey key = CheckpointKeys.publicKey(anchor.publicKey);
                String keyId = CheckpointKeys.keyId(key);
                List<CheckpointFile.Line> lines = new CheckpointFile(anchor.checkpoints).read();
                if (lines.isEmpty()) {
                    err.println("Cannot check against checkpoints: " + anchor.checkpoints + " holds none.");
                    return CANNOT_CHECK;
                }
                List<AuditCheckpoint> good = new ArrayList<>();
                for (CheckpointFile.Line line : lines) {
                    Optional<String> problem = problem(line, key, keyId);
                    if (problem.isPresent()) {
                        err.println("FORGED checkpoint on line " + line.number() + ": " + problem.get());
                        forged++;
                    } else {
                        good.add(line.checkpoint().orElseThrow());
                    }
                }
                vouched = good;
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                err.println("Cannot read the checkpoints or the public key: " + e.getMessage());
                return CANNOT_CHECK;
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            long headSeq;
            String headHash;
            try (ResultSet head = connection.createStatement().executeQuery(
                    "select last_seq, last_hash from audit_head where id = 1")) {
                if (!head.next()) {
                    err.println("The database has no audit trail (audit_head is empty).");
                    return CANNOT_CHECK;
                }
                headSeq = head.getLong(1);
                headHash = head.getString(2);
            }
            List<AuditCheckpoint> checkpoints = vouched;
            ChainVerification result = AuditChain.verify(() -> new PagedRecords(connection, headSeq), headSeq, headHash,
                    checkpoints);
            String summary = result.summary() + (result.isIntact() && anchor != null
                    ? ", " + checkpoints.size() + " signed checkpoint(s) matched" : "");
            if (forged > 0) {
                // the chain may well be intact, but someone wrote to the checkpoints who does not hold the key
                err.println("FAILED: " + forged + " checkpoint(s) not signed by the given key; the chain against the"
                        + " others: " + summary);
                return BROKEN;
            }
            (result.isIntact() ? out : err).println(summary);
            return result.isIntact() ? INTACT : BROKEN;
        } catch (SQLException | PagedRecords.ReadFailure e) {
            err.println("Cannot read the audit trail: " + e.getMessage()
                    + (String.valueOf(e.getMessage()).contains("already in use")
                            ? " (the embedded database is open in the running server: stop it first)" : ""));
            return CANNOT_CHECK;
        }
    }

    /** Why a line of the checkpoint file cannot be trusted, if it cannot. */
    private static Optional<String> problem(CheckpointFile.Line line, PublicKey key, String keyId) {
        if (line.checkpoint().isEmpty()) {
            return Optional.of("not a checkpoint (" + line.problem() + ")");
        }
        AuditCheckpoint checkpoint = line.checkpoint().get();
        String which = "record " + checkpoint.seq() + " of " + checkpoint.time();
        if (!checkpoint.keyId().equals(keyId)) {
            return Optional.of(which + " names key " + checkpoint.keyId() + ", not the given public key (" + keyId + ")");
        }
        return CheckpointSigner.verifies(checkpoint, key) ? Optional.empty()
                : Optional.of(which + ": the signature does not verify with the given public key (forged or altered)");
    }

    /** A wrong H2 path must not create an empty database that then "verifies". */
    static String existingOnly(String url) {
        return url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS")
                ? url + ";IFEXISTS=TRUE" : url;
    }

    /** Reads the records in pages, so a long trail does not have to fit in memory. */
    private static final class PagedRecords implements java.util.Iterator<ChainLink> {

        static final class ReadFailure extends RuntimeException {
            ReadFailure(SQLException cause) {
                super(cause.getMessage(), cause);
            }
        }

        private final Connection connection;
        private final long lastSeq;
        private List<ChainLink> page = List.of();
        private int index;
        private long nextFrom = 1;
        private boolean exhausted;

        PagedRecords(Connection connection, long lastSeq) {
            this.connection = connection;
            this.lastSeq = lastSeq;
        }

        @Override
        public boolean hasNext() {
            if (index < page.size()) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            page = load();
            index = 0;
            exhausted = page.size() < PAGE;
            return !page.isEmpty();
        }

        @Override
        public ChainLink next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            ChainLink link = page.get(index++);
            nextFrom = link.seq() + 1;
            return link;
        }

        private List<ChainLink> load() {
            String sql = "select seq, occurred_at, actor, actor_roles, remote_address, action, subject, outcome, detail,"
                    + " previous_hash, hash from audit_record where seq >= ? and seq <= ? order by seq";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, nextFrom);
                select.setLong(2, lastSeq);
                select.setMaxRows(PAGE);
                List<ChainLink> links = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        links.add(new ChainLink(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(),
                                row.getString(3), row.getString(4), row.getString(5), row.getString(6),
                                row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                                row.getString(11)));
                    }
                }
                return links;
            } catch (SQLException e) {
                throw new ReadFailure(e);
            }
        }
    }
}
