package org.strokescan.audit.entity;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signed statement, kept outside the database, that at {@code time} the audit chain held {@code seq} records and
 * record {@code seq} had {@code hash}. Because each hash covers every record before it, one checkpoint vouches for
 * the whole chain up to it: whoever owns the database can no longer shorten the chain and rewrite its head unseen.
 * {@code keyId} names the Ed25519 key that signed {@link #signedText()}; {@code signature} is Base64.
 */
public record AuditCheckpoint(long seq, String hash, Instant time, String keyId, String signature) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    /** Only values that cannot break the line format (no quotes, no escapes) get in. */
    public AuditCheckpoint {
        Objects.requireNonNull(time, "time");
        if (seq < 1) {
            throw new IllegalArgumentException("a checkpoint vouches for at least one record, not " + seq);
        }
        if (hash == null || !HEX64.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash is not 64 hex digits");
        }
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id is not 16 hex digits");
        }
        if (signature == null || !BASE64.matcher(signature).matches()) {
            throw new IllegalArgumentException("signature is not Base64");
        }
    }

    /** The text that is signed: versioned, every field named, so a signature cannot be moved to another meaning. */
    public String signedText() {
        return signedText(seq, hash, time, keyId);
    }

    public static String signedText(long seq, String hash, Instant time, String keyId) {
        return "strokescan-audit-checkpoint/1 seq=" + seq + " hash=" + hash + " time="
                + DateTimeFormatter.ISO_INSTANT.format(time) + " key=" + keyId;
    }
}
