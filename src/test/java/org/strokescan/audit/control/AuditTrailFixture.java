package org.strokescan.audit.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import org.strokescan.audit.entity.ChainLink;

/** Writes a valid audit chain straight into a migrated database, as the server would have. */
public final class AuditTrailFixture {

    private static final String[] ACTORS = {"admin", "clinician1", "clinician2", "auditor1", "ANONYMOUS"};
    private static final String[] ACTIONS = {"LOGIN_SUCCEEDED", "LOGIN_FAILED", "LOGOUT", "ACCOUNT_CREATED",
            "ROLES_ASSIGNED", "AUDIT_EXPORTED"};

    private AuditTrailFixture() {
    }

    /** Appends {@code count} records, {@code secondsApart} from {@code start} on, in batches; returns the last. */
    public static ChainLink append(Connection connection, int count, Instant start, long secondsApart) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        ChainLink last = null;
        long seq = 0;
        String previous = AuditChain.GENESIS;
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_record (seq, occurred_at, actor,"
                + " actor_roles, remote_address, action, subject, outcome, detail, previous_hash, hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                ChainLink link = AuditChain.next(seq, previous, start.plusSeconds(i * secondsApart), ACTORS[i % ACTORS.length],
                        "CLINICIAN", "10.0.0." + (i % 250), ACTIONS[i % ACTIONS.length], "user" + (i % 997),
                        i % 7 == 0 ? "FAILURE" : "SUCCESS", "");
                insert.setLong(1, link.seq());
                insert.setObject(2, link.occurredAt().atOffset(ZoneOffset.UTC));
                String[] text = {link.actor(), link.actorRoles(), link.remoteAddress(), link.action(), link.subject(),
                        link.outcome(), link.detail(), link.previousHash(), link.hash()};
                for (int f = 0; f < text.length; f++) {
                    insert.setString(f + 3, text[f]);
                }
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
                seq = link.seq();
                previous = link.hash();
                last = link;
            }
            insert.executeBatch();
            try (PreparedStatement head = connection.prepareStatement(
                    "update audit_head set last_seq = ?, last_hash = ? where id = 1")) {
                head.setLong(1, seq);
                head.setString(2, previous);
                head.executeUpdate();
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return last;
    }
}
