package org.strokescan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestBodyLimitsTest {

    private static final long UPLOAD = 25L * 1024 * 1024 + RequestBodyLimits.MULTIPART_MARGIN;
    private static final long OTHER = 64 * 1024;

    private static RequestBodyLimits.Verdict judge(long length, String transferEncoding, String contentType) {
        return RequestBodyLimits.judge(length, transferEncoding, contentType, UPLOAD, OTHER);
    }

    @Test
    void anUploadMayCarryTheFileLimitAndItsForm() {
        assertEquals(0, judge(UPLOAD, null, "multipart/form-data; boundary=x").status());
        RequestBodyLimits.Verdict over = judge(UPLOAD + 1, null, "Multipart/Form-Data; boundary=x");
        assertEquals(413, over.status());
        assertTrue(over.detail().contains("larger than the limit of " + UPLOAD + " bytes for an upload"), over.detail());
    }

    @Test
    void anyOtherBodyHasTheSmallLimit() {
        assertEquals(0, judge(OTHER, null, "application/json").status());
        assertEquals(413, judge(OTHER + 1, null, "application/json").status());
        assertEquals(413, judge(OTHER + 1, null, "application/x-www-form-urlencoded").status());
        assertEquals(413, judge(OTHER + 1, null, null).status());
    }

    @Test
    void aBodyWithoutALengthIsRefusedAndNoBodyPasses() {
        assertEquals(411, judge(-1, "chunked", "multipart/form-data; boundary=x").status());
        assertEquals(0, judge(-1, null, null).status(), "a GET, or a POST without a body");
        assertEquals(0, judge(0, null, null).status());
    }
}
