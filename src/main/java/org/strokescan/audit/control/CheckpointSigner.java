package org.strokescan.audit.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.strokescan.audit.entity.AuditCheckpoint;

/** Signs audit checkpoints with an Ed25519 key the database never sees, and checks their signatures. */
public final class CheckpointSigner {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private CheckpointSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = CheckpointKeys.keyId(publicKey);
    }

    /** A signer for this private key; refuses a key whose derived public key does not verify its signatures. */
    public static CheckpointSigner of(PrivateKey privateKey) throws GeneralSecurityException {
        CheckpointSigner signer = new CheckpointSigner(privateKey, CheckpointKeys.publicKeyOf(privateKey));
        AuditCheckpoint probe = signer.sign(1, AuditChain.GENESIS, Instant.now());
        if (!verifies(probe, signer.publicKey)) {
            throw new GeneralSecurityException("the public key derived from the checkpoint key does not match it");
        }
        return signer;
    }

    /** Millisecond time: enough to order checkpoints, and it reads well in a report. */
    public AuditCheckpoint sign(long seq, String hash, Instant time) {
        Instant at = time.truncatedTo(ChronoUnit.MILLIS);
        try {
            Signature signature = Signature.getInstance(CheckpointKeys.ALGORITHM);
            signature.initSign(privateKey);
            signature.update(AuditCheckpoint.signedText(seq, hash, at, keyId).getBytes(StandardCharsets.UTF_8));
            return new AuditCheckpoint(seq, hash, at, keyId, Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when {@code key} made the checkpoint's signature over exactly its fields. */
    public static boolean verifies(AuditCheckpoint checkpoint, PublicKey key) {
        try {
            Signature signature = Signature.getInstance(CheckpointKeys.ALGORITHM);
            signature.initVerify(key);
            signature.update(checkpoint.signedText().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a signature of the wrong length or encoding is simply not valid
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }
}
