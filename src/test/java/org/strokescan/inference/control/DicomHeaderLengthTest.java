package org.strokescan.inference.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.IntakeResult.Reason;

/**
 * A header of a few bytes that declares an element of 2 GiB: ImageJ asks for an array of that length before it reads
 * a byte of it. The upload is refused as damaged; nothing escapes as an error (an IT server with a 1-GiB heap
 * answered 500 to such files under load, FuzzIT).
 */
class DicomHeaderLengthTest {

    /** Preamble, DICM, then the Transfer Syntax UID as an UN element of 0x7FFFFFFF bytes, followed by 19. */
    private static byte[] declaringTwoGiB() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x02, 0x00, 0x10, 0x00, 'U', 'N', 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
        out.writeBytes("1.2.840.10008.1.2.1".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void anElementLongerThanMemoryIsADamagedFile() {
        DicomFile.Refusal refusal = assertThrows(DicomFile.Refusal.class,
                () -> DicomFile.open(declaringTwoGiB(), 40_000_000));
        assertEquals(Reason.CORRUPT, refusal.reason);
        assertTrue(refusal.getMessage().contains("declares an element"), refusal.getMessage());
    }

    @Test
    void manyAtOnceAreEachRefused() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reason>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    try {
                        DicomFile.open(declaringTwoGiB(), 40_000_000);
                        return null;
                    } catch (DicomFile.Refusal refusal) {
                        return refusal.reason;
                    }
                }));
            }
            for (Future<Reason> answer : answers) {
                assertEquals(Reason.CORRUPT, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
