package org.strokescan.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.audit.entity.AuditCheckpoint;
import org.strokescan.audit.entity.ChainLink;

/** The server's periodic checkpoint: written when the chain grew, owner-only, and never over a shortened chain. */
class CheckpointWriterTest {

    private static final Instant NOW = Instant.parse("2026-12-04T06:00:00Z");

    @TempDir
    Path folder;

    private final KeyPair pair = CheckpointKeysFixture.generate();
    private final List<ChainLink> chain = AuditChainTest.chain(65);

    private CheckpointFile file() {
        return new CheckpointFile(folder.resolve("data").resolve(CheckpointFile.NAME));
    }

    private CheckpointWriter.Outcome checkpoint(CheckpointWriter writer, int length) throws Exception {
        List<ChainLink> stored = chain.subList(0, length);
        LongFunction<Optional<String>> hashAt = seq -> seq >= 1 && seq <= length
                ? Optional.of(stored.get((int) seq - 1).hash()) : Optional.empty();
        ChainLink head = stored.getLast();
        return writer.checkpoint(head.seq(), head.hash(), hashAt, NOW);
    }

    @Test
    void theHeadIsSignedIntoAnOwnerOnlyFileWhenTheChainGrew() throws Exception {
        CheckpointWriter writer = new CheckpointWriter(file(), CheckpointKeysFixture.signer(pair));
        AuditCheckpoint first = assertInstanceOf(CheckpointWriter.Outcome.Written.class, checkpoint(writer, 40)).checkpoint();
        assertEquals(40, first.seq());
        assertEquals(chain.get(39).hash(), first.hash());
        assertTrue(CheckpointSigner.verifies(first, pair.getPublic()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().path())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("data"))));

        assertInstanceOf(CheckpointWriter.Outcome.Unchanged.class, checkpoint(writer, 40), "nothing new to vouch for");
        assertInstanceOf(CheckpointWriter.Outcome.Written.class, checkpoint(writer, 65));
        List<String> lines = Files.readAllLines(file().path());
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertEquals(List.of(40L, 65L), writer.signed().stream().map(AuditCheckpoint::seq).toList());
    }

    @Test
    void aChainShorterThanTheLastCheckpointIsNotSigned() throws Exception {
        CheckpointWriter writer = new CheckpointWriter(file(), CheckpointKeysFixture.signer(pair));
        checkpoint(writer, 65);
        CheckpointWriter.Outcome.Contradicted contradicted = assertInstanceOf(CheckpointWriter.Outcome.Contradicted.class,
                checkpoint(writer, 63));
        assertEquals("record 64 is missing: the checkpoint of 2026-12-04T06:00:00Z vouches for 65 records",
                contradicted.reason());
        assertEquals(1, Files.readAllLines(file().path()).size(), "no checkpoint vouches for the shortened chain");
    }

    @Test
    void aCheckpointOfAnotherKeyIsNotTrusted() throws Exception {
        new CheckpointWriter(file(), CheckpointKeysFixture.signer(CheckpointKeysFixture.generate())).checkpoint(
                999, "ab".repeat(32), seq -> Optional.empty(), NOW);
        CheckpointWriter writer = new CheckpointWriter(file(), CheckpointKeysFixture.signer(pair));
        assertEquals(List.of(), writer.signed());
        assertInstanceOf(CheckpointWriter.Outcome.Written.class, checkpoint(writer, 65),
                "a line someone else signed neither vouches nor blocks");
    }
}
