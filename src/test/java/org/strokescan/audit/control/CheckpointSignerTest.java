package org.strokescan.audit.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.audit.entity.AuditCheckpoint;

/** Keys as openssl writes them, signatures over every field, and the line format of the checkpoint file. */
class CheckpointSignerTest {

    private static final String HASH = "ab".repeat(32);
    private static final Instant TIME = Instant.parse("2026-12-04T05:00:00.123Z");

    @TempDir
    Path folder;

    private final KeyPair pair = CheckpointKeysFixture.generate();

    @Test
    void theServerFindsThePublicKeyOfItsPrivateKey() throws Exception {
        Path file = Files.writeString(folder.resolve("key.pem"), CheckpointKeysFixture.privatePem(pair), StandardCharsets.US_ASCII);
        CheckpointSigner fromFile = CheckpointSigner.of(CheckpointKeys.privateKey(file.toString()));
        CheckpointSigner fromText = CheckpointSigner.of(CheckpointKeys.privateKey(CheckpointKeysFixture.privatePem(pair)));
        assertArrayEquals(pair.getPublic().getEncoded(), fromFile.publicKey().getEncoded());
        assertEquals(CheckpointKeys.keyId(pair.getPublic()), fromText.keyId());
        Path publicFile = CheckpointKeysFixture.writePublicKey(pair, folder.resolve("key.pub.pem"));
        assertArrayEquals(pair.getPublic().getEncoded(), CheckpointKeys.publicKey(publicFile).getEncoded());
    }

    @Test
    void aSignatureCoversEveryField() {
        CheckpointSigner signer = CheckpointKeysFixture.signer(pair);
        AuditCheckpoint checkpoint = signer.sign(65, HASH, TIME);
        assertTrue(CheckpointSigner.verifies(checkpoint, pair.getPublic()));
        String signature = checkpoint.signature();
        String keyId = checkpoint.keyId();
        assertFalse(CheckpointSigner.verifies(new AuditCheckpoint(66, HASH, TIME, keyId, signature), pair.getPublic()), "seq");
        assertFalse(CheckpointSigner.verifies(new AuditCheckpoint(65, "cd".repeat(32), TIME, keyId, signature),
                pair.getPublic()), "hash");
        assertFalse(CheckpointSigner.verifies(new AuditCheckpoint(65, HASH, TIME.plusSeconds(1), keyId, signature),
                pair.getPublic()), "time");
        assertFalse(CheckpointSigner.verifies(checkpoint, CheckpointKeysFixture.generate().getPublic()), "another key");
        assertFalse(CheckpointSigner.verifies(new AuditCheckpoint(65, HASH, TIME, keyId, "AAAA"), pair.getPublic()),
                "a signature of the wrong length is not valid, and throws nothing");
    }

    @Test
    void aLineReadsBackAsTheCheckpointItWasAlsoAfterJq() {
        AuditCheckpoint checkpoint = CheckpointKeysFixture.signer(pair).sign(65, HASH, TIME);
        String line = CheckpointFile.line(checkpoint);
        assertEquals(checkpoint, CheckpointFile.parse(line));
        assertEquals(checkpoint, CheckpointFile.parse(line.replace(":", ": ").replace(",", ", ")
                .replace("\"2026-12-04T05: 00: 00.123Z\"", "\"2026-12-04T05:00:00.123Z\"")));
        assertThrows(IllegalArgumentException.class, () -> CheckpointFile.parse("{\"seq\":65}"));
        assertThrows(IllegalArgumentException.class, () -> CheckpointFile.parse(line.replace(HASH, "x\\\"y")));
    }
}
