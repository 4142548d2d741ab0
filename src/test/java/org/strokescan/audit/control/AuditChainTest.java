package org.strokescan.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.strokescan.audit.entity.AuditCheckpoint;
import org.strokescan.audit.entity.ChainLink;
import org.strokescan.audit.entity.ChainVerification;

class AuditChainTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456789Z");

    static List<ChainLink> chain(int length) {
        List<ChainLink> links = new ArrayList<>();
        long seq = 0;
        String previous = AuditChain.GENESIS;
        for (int i = 0; i < length; i++) {
            ChainLink link = AuditChain.next(seq, previous, T0.plusSeconds(i), "admin", "ADMIN", "127.0.0.1",
                    "ACCOUNT_CREATED", "user" + i, "SUCCESS", "roles=[CLINICIAN]");
            links.add(link);
            seq = link.seq();
            previous = link.hash();
        }
        return links;
    }

    private static ChainVerification verify(List<ChainLink> links) {
        ChainLink last = links.isEmpty() ? null : links.getLast();
        return verify(links, last == null ? 0 : last.seq(), last == null ? AuditChain.GENESIS : last.hash());
    }

    private static ChainVerification verify(List<ChainLink> links, long headSeq, String headHash) {
        return AuditChain.verify(links, headSeq, headHash);
    }

    private static ChainLink withDetail(ChainLink link, String detail) {
        return new ChainLink(link.seq(), link.occurredAt(), link.actor(), link.actorRoles(), link.remoteAddress(),
                link.action(), link.subject(), link.outcome(), detail, link.previousHash(), link.hash());
    }

    @Test
    void anUntouchedChainVerifies() {
        assertEquals("OK 5 records", verify(chain(5)).summary());
        assertEquals("OK 0 records", verify(List.of()).summary());
    }

    @Test
    void timestampsAreKeptToTheMicrosecondTheDatabaseStores() {
        assertEquals(Instant.parse("2026-11-27T10:00:00.123456Z"), chain(1).getFirst().occurredAt());
    }

    @Test
    void aChangedRecordIsNamed() {
        List<ChainLink> links = new ArrayList<>(chain(5));
        links.set(2, withDetail(links.get(2), "roles=[ADMIN]"));
        ChainVerification result = verify(links, 5, chain(5).getLast().hash());
        assertEquals(3, result.brokenAt().getAsLong());
        assertTrue(result.summary().contains("contents changed"), result.summary());
    }

    @Test
    void aRemovedRecordIsNamed() {
        List<ChainLink> full = chain(5);
        List<ChainLink> links = new ArrayList<>(full);
        links.remove(1);
        ChainVerification result = verify(links, 5, full.getLast().hash());
        assertEquals(2, result.brokenAt().getAsLong());
        assertTrue(result.summary().contains("missing"), result.summary());
    }

    @Test
    void aRemovedTailIsFoundThroughTheHead() {
        List<ChainLink> full = chain(5);
        ChainVerification result = verify(full.subList(0, 3), 5, full.getLast().hash());
        assertEquals(4, result.brokenAt().getAsLong());
        assertTrue(result.summary().contains("ends at record 3 but 5 were written"), result.summary());
    }

    @Test
    void aRecordRewrittenWithAFreshHashStillBreaksTheNextLink() {
        List<ChainLink> full = chain(4);
        ChainLink forged = full.get(1);
        ChainLink rehashed = AuditChain.next(forged.seq() - 1, forged.previousHash(), forged.occurredAt(), forged.actor(),
                forged.actorRoles(), forged.remoteAddress(), forged.action(), "someone-else", forged.outcome(), forged.detail());
        List<ChainLink> links = new ArrayList<>(full);
        links.set(1, rehashed);
        ChainVerification result = verify(links, 4, full.getLast().hash());
        assertEquals(3, result.brokenAt().getAsLong());
        assertTrue(result.summary().contains("does not link to record 2"), result.summary());
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        ChainLink a = AuditChain.next(0, AuditChain.GENESIS, T0, "ab", "", "-", "X", "c", "SUCCESS", "");
        ChainLink b = AuditChain.next(0, AuditChain.GENESIS, T0, "a", "", "-", "X", "bc", "SUCCESS", "");
        assertNotEquals(AuditChain.canonical(a), AuditChain.canonical(b));
        assertNotEquals(a.hash(), b.hash());
    }

    @Test
    void aChainShortenedWithItsHeadIsFoundOnlyAgainstACheckpoint() {
        List<ChainLink> links = chain(65);
        CheckpointSigner signer = CheckpointKeysFixture.signer(CheckpointKeysFixture.generate());
        AuditCheckpoint checkpoint = signer.sign(65, links.getLast().hash(), Instant.parse("2026-12-04T06:00:00Z"));
        List<ChainLink> shortened = links.subList(0, 63);
        assertEquals("OK 63 records", verify(shortened).summary(), "the head row rewritten: the chain alone agrees");
        assertEquals("BROKEN at record 64: record 64 is missing: the checkpoint of 2026-12-04T06:00:00Z vouches for 65"
                + " records (63 records checked)", AuditChain.verify(shortened, 63, shortened.getLast().hash(),
                List.of(checkpoint)).summary());
        assertEquals("OK 65 records", AuditChain.verify(links, 65, links.getLast().hash(), List.of(checkpoint)).summary());
    }

    @Test
    void aChainRehashedFromSomeRecordOnIsFoundAgainstACheckpoint() {
        List<ChainLink> links = chain(10);
        AuditCheckpoint checkpoint = CheckpointKeysFixture.signer(CheckpointKeysFixture.generate())
                .sign(10, links.getLast().hash(), Instant.parse("2026-12-04T06:00:00Z"));
        List<ChainLink> rewritten = new ArrayList<>(links.subList(0, 4));
        for (int i = 4; i < 10; i++) {
            ChainLink old = links.get(i);
            rewritten.add(AuditChain.next(old.seq() - 1, rewritten.getLast().hash(), old.occurredAt(), old.actor(),
                    old.actorRoles(), old.remoteAddress(), old.action(), i == 4 ? "mallory" : old.subject(), old.outcome(),
                    old.detail()));
        }
        assertEquals("OK 10 records", verify(rewritten).summary());
        assertTrue(AuditChain.verify(rewritten, 10, rewritten.getLast().hash(), List.of(checkpoint)).summary()
                .startsWith("BROKEN at record 10: not the record the checkpoint of 2026-12-04T06:00:00Z vouches for"));
    }
}
