package org.strokescan.pacs.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartRelatedTest {

    private static final String TYPE = "multipart/related; type=\"application/dicom\"; boundary=b0undary";

    private static byte[] body(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write("--b0undary\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void splitsTheBodyIntoItsPartsByteForByte() throws Exception {
        byte[] first = new byte[300];
        for (int i = 0; i < first.length; i++) {
            first[i] = (byte) i; // every byte value, CR and LF included
        }
        byte[] second = "DICM".getBytes(StandardCharsets.US_ASCII);
        List<MultipartRelated.Part> parts = MultipartRelated.parts(TYPE, new ByteArrayInputStream(body(first, second)),
                1 << 20);
        assertEquals(2, parts.size());
        assertArrayEquals(first, parts.get(0).content());
        assertArrayEquals(second, parts.get(1).content());
        assertEquals("application/dicom", parts.get(0).contentType());
    }

    @Test
    void refusesWhatIsNotMultipartRelatedDicomWith415() {
        MultipartRelated.Refused json = assertThrows(MultipartRelated.Refused.class,
                () -> MultipartRelated.check("application/json"));
        assertEquals(415, json.status());
        MultipartRelated.Refused bulk = assertThrows(MultipartRelated.Refused.class,
                () -> MultipartRelated.check("multipart/related; type=\"application/dicom+json\"; boundary=x"));
        assertEquals(415, bulk.status());
        assertTrue(bulk.getMessage().contains("application/dicom+json"), bulk.getMessage());
        assertEquals(415, assertThrows(MultipartRelated.Refused.class, () -> MultipartRelated.check(null)).status());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413EvenWithoutADeclaredLength() throws Exception {
        byte[] whole = body(new byte[2000]);
        MultipartRelated.Refused refused = assertThrows(MultipartRelated.Refused.class,
                () -> MultipartRelated.parts(TYPE, new ByteArrayInputStream(whole), 1000));
        assertEquals(413, refused.status());
    }

    @Test
    void aTruncatedBodyIsRefusedWith400() throws Exception {
        byte[] whole = body(new byte[100]);
        byte[] cut = java.util.Arrays.copyOf(whole, 80);
        MultipartRelated.Refused refused = assertThrows(MultipartRelated.Refused.class,
                () -> MultipartRelated.parts(TYPE, new ByteArrayInputStream(cut), 1 << 20));
        assertEquals(400, refused.status());
    }
}
