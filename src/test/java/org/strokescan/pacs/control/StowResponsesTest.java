package org.strokescan.pacs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.strokescan.pacs.entity.StowOutcome;

class StowResponsesTest {

    private static final StowOutcome STORED = StowOutcome.stored("1.2.840.10008.5.1.4.1.1.2", "1.2.3.1", null);
    private static final StowOutcome LOCALIZER = StowOutcome.failed("1.2.840.10008.5.1.4.1.1.2", "1.2.3.2",
            StowOutcome.SOP_CLASS_NOT_SUPPORTED, "a localizer (scout) image");

    @Test
    void statusFollowsPs318() {
        assertEquals(200, StowResponses.status(List.of(STORED)));
        assertEquals(202, StowResponses.status(List.of(STORED, LOCALIZER)));
        assertEquals(409, StowResponses.status(List.of(LOCALIZER)));
    }

    @Test
    void storedAndFailedInstancesAreListedInTheirSequences() {
        JsonObject body = StowResponses.body(List.of(STORED, LOCALIZER));
        JsonObject referenced = body.getJsonObject("00081199").getJsonArray("Value").getJsonObject(0);
        assertEquals("1.2.3.1", referenced.getJsonObject("00081155").getJsonArray("Value").getString(0));
        JsonObject failed = body.getJsonObject("00081198").getJsonArray("Value").getJsonObject(0);
        assertEquals("1.2.3.2", failed.getJsonObject("00081155").getJsonArray("Value").getString(0));
        assertEquals(0x0122, failed.getJsonObject("00081197").getJsonArray("Value").getInt(0));
        assertEquals("a localizer (scout) image",
                failed.getJsonObject("00000902").getJsonArray("Value").getString(0));
        assertEquals("SQ", body.getJsonObject("00081198").getString("vr"));
    }

    @Test
    void aRequestOfOnlyStoredInstancesHasNoFailedSequence() {
        assertFalse(StowResponses.body(List.of(STORED)).containsKey("00081198"));
    }
}
