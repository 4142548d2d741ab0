package org.strokescan.audit.control;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.strokescan.audit.entity.AuditCheckpoint;

/**
 * Writes the next checkpoint when the chain has grown since the last one this key signed. Before it signs, it checks
 * that the database still holds the record the last checkpoint vouched for, with the same hash: signing a chain
 * that was shortened or rewritten would vouch for the tampering, so then it writes nothing and says why.
 */
public final class CheckpointWriter {

    private final CheckpointFile file;
    private final CheckpointSigner signer;

    public CheckpointWriter(CheckpointFile file, CheckpointSigner signer) {
        this.file = file;
        this.signer = signer;
    }

    /** What one attempt did. */
    public sealed interface Outcome {
        /** A new checkpoint was signed and appended. */
        record Written(AuditCheckpoint checkpoint) implements Outcome {
        }

        /** The chain has not grown since the last checkpoint (or is empty): nothing to vouch for. */
        record Unchanged(Optional<AuditCheckpoint> last) implements Outcome {
        }

        /** The database contradicts the last checkpoint; {@code reason} names the record. */
        record Contradicted(AuditCheckpoint last, String reason) implements Outcome {
        }
    }

    /**
     * @param headSeq  the chain's last sequence number in the database
     * @param headHash its hash
     * @param hashAt   the hash of the record with a sequence number in the database, empty when there is none
     */
    public Outcome checkpoint(long headSeq, String headHash, LongFunction<Optional<String>> hashAt, Instant now)
            throws IOException {
        Optional<AuditCheckpoint> last = lastSigned();
        if (last.isPresent()) {
            AuditCheckpoint vouched = last.get();
            Optional<String> stored = hashAt.apply(vouched.seq());
            if (stored.isEmpty() || headSeq < vouched.seq()) {
                return new Outcome.Contradicted(vouched, "record " + Math.min(vouched.seq(), headSeq + 1)
                        + " is missing: the checkpoint of " + vouched.time() + " vouches for " + vouched.seq() + " records");
            }
            if (!stored.get().equals(vouched.hash())) {
                return new Outcome.Contradicted(vouched, "record " + vouched.seq() + " is not the one the checkpoint of "
                        + vouched.time() + " vouches for");
            }
            if (headSeq == vouched.seq()) {
                return new Outcome.Unchanged(last);
            }
        }
        if (headSeq == 0) {
            return new Outcome.Unchanged(last);
        }
        AuditCheckpoint checkpoint = signer.sign(headSeq, headHash, now);
        file.append(checkpoint);
        return new Outcome.Written(checkpoint);
    }

    /** The checkpoints of the file that this signer's key signed; others (forged, another key) are not trusted. */
    public List<AuditCheckpoint> signed() throws IOException {
        return file.read().stream().flatMap(line -> line.checkpoint().stream())
                .filter(checkpoint -> CheckpointSigner.verifies(checkpoint, signer.publicKey()))
                .toList();
    }

    public PublicKey publicKey() {
        return signer.publicKey();
    }

    private Optional<AuditCheckpoint> lastSigned() throws IOException {
        return signed().stream().max(Comparator.comparingLong(AuditCheckpoint::seq));
    }
}
