package org.strokescan.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.strokescan.audit.control.AuditChain;
import org.strokescan.audit.entity.ChainLink;
import org.strokescan.audit.entity.ChainVerification;
import org.strokescan.platform.JdbcUrlDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code audit-verify}: reads the audit trail straight from the database the server uses and checks the hash
 * chain. Prints {@code OK <n> records} and exits 0, or names the first broken record and exits 1.
 */
@Command(name = "audit-verify",
        description = {"Check the audit trail's hash chain in the server's database.",
            "",
            "Reads the audit trail of the database in strokescan.db.url (environment STROKESCAN_DB_URL,"
                + " STROKESCAN_DB_USER, STROKESCAN_DB_PASSWORD; default: the server's embedded database) and checks"
                + " its hash chain: prints \"OK <n> records\" and exits 0, or names the first broken record and exits"
                + " 1; exits 2 when the trail cannot be read (no such database, no audit trail in it, or an embedded"
                + " database that the running server holds open)."})
final class AuditVerifyCommand implements Callable<Integer> {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int CANNOT_CHECK = 2;

    private static final int PAGE = 10_000;

    @Mixin
    HelpOption help;

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
            ChainVerification result = AuditChain.verify(() -> new PagedRecords(connection, headSeq), headSeq, headHash);
            (result.isIntact() ? out : err).println(result.summary());
            return result.isIntact() ? INTACT : BROKEN;
        } catch (SQLException | PagedRecords.ReadFailure e) {
            err.println("Cannot read the audit trail: " + e.getMessage()
                    + (String.valueOf(e.getMessage()).contains("already in use")
                            ? " (the embedded database is open in the running server: stop it first)" : ""));
            return CANNOT_CHECK;
        }
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
