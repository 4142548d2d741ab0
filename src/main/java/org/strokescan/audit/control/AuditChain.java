package org.strokescan.audit.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.strokescan.audit.entity.AuditCheckpoint;
import org.strokescan.audit.entity.ChainLink;
import org.strokescan.audit.entity.ChainVerification;

/**
 * The hash chain: each record's hash is SHA-256 over the previous hash and a canonical form of its fields,
 * so changing, removing or reordering any record breaks every hash after it. Plain Java, shared by the
 * server (which appends) and the CLI (which verifies).
 */
public final class AuditChain {

    /** The "previous hash" of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** Builds the next link; the timestamp is cut to microseconds, the precision the database keeps. */
    public static ChainLink next(long previousSeq, String previousHash, Instant occurredAt, String actor,
                                 String actorRoles, String remoteAddress, String action, String subject,
                                 String outcome, String detail) {
        ChainLink unsigned = new ChainLink(previousSeq + 1, occurredAt.truncatedTo(ChronoUnit.MICROS), actor,
                actorRoles, remoteAddress, action, subject, outcome, detail, previousHash, "");
        return withHash(unsigned, hash(unsigned));
    }

    /**
     * The canonical form: every field as {@code <UTF-8 length>:<value>|}, in a fixed order, so no two different
     * records can produce the same text.
     */
    static String canonical(ChainLink link) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {Long.toString(link.seq()), DateTimeFormatter.ISO_INSTANT.format(link.occurredAt()),
                link.actor(), link.actorRoles(), link.remoteAddress(), link.action(), link.subject(), link.outcome(),
                link.detail(), link.previousHash()}) {
            text.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append('|');
        }
        return text.toString();
    }

    static String hash(ChainLink link) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(link).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Walks the records in sequence order and reports the first that does not fit: a gap in the sequence, a
     * previous-hash that is not the hash before it, or a hash that does not match the record's contents.
     * {@code headSeq}/{@code headHash} (the chain's recorded end) reveal records removed from the end.
     */
    public static ChainVerification verify(Iterable<ChainLink> records, long headSeq, String headHash) {
        return verify(records, headSeq, headHash, List.of());
    }

    /**
     * As {@link #verify(Iterable, long, String)}, and each checkpoint's record must be in the chain with exactly the
     * checkpoint's hash: the head row lives in the database, so whoever owns it can shorten the chain and rewrite the
     * head to match; a checkpoint, signed with a key the database does not hold, cannot be rewritten. Pass only
     * checkpoints whose signatures were checked.
     */
    public static ChainVerification verify(Iterable<ChainLink> records, long headSeq, String headHash,
                                           List<AuditCheckpoint> checkpoints) {
        List<AuditCheckpoint> pending = checkpoints.stream().sorted(Comparator.comparingLong(AuditCheckpoint::seq)).toList();
        int next = 0;
        long expectedSeq = 1;
        String expectedPrevious = GENESIS;
        long checked = 0;
        for (ChainLink link : records) {
            if (link.seq() != expectedSeq) {
                return ChainVerification.broken(checked, expectedSeq,
                        "record missing (the next record found is " + link.seq() + ")");
            }
            if (!link.previousHash().equals(expectedPrevious)) {
                return ChainVerification.broken(checked, link.seq(), "does not link to record " + (link.seq() - 1));
            }
            if (!hash(link).equals(link.hash())) {
                return ChainVerification.broken(checked, link.seq(), "contents changed since it was written");
            }
            for (; next < pending.size() && pending.get(next).seq() == link.seq(); next++) {
                if (!pending.get(next).hash().equals(link.hash())) {
                    return ChainVerification.broken(checked, link.seq(), "not the record the checkpoint of "
                            + pending.get(next).time() + " vouches for (this record or one before it was replaced)");
                }
            }
            checked++;
            expectedPrevious = link.hash();
            expectedSeq++;
        }
        if (next < pending.size()) {
            AuditCheckpoint vouching = pending.getLast();
            return ChainVerification.broken(checked, checked + 1, "record " + (checked + 1) + " is missing: the checkpoint of " + vouching.time()
                    + " vouches for " + vouching.seq() + " records");
        }
        if (checked != headSeq || !expectedPrevious.equals(headHash)) {
            return ChainVerification.broken(checked, checked + 1,
                    "the chain ends at record " + checked + " but " + headSeq + " were written");
        }
        return ChainVerification.intact(checked);
    }

    private static ChainLink withHash(ChainLink link, String hash) {
        return new ChainLink(link.seq(), link.occurredAt(), link.actor(), link.actorRoles(), link.remoteAddress(),
                link.action(), link.subject(), link.outcome(), link.detail(), link.previousHash(), hash);
    }
}
