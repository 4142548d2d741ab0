package org.strokescan.pacs.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.strokescan.pacs.entity.StowOutcome;

/**
 * The STOW-RS response (PS3.18 10.5.3) in the DICOM JSON model: ReferencedSOPSequence (0008,1199) for the stored
 * instances, FailedSOPSequence (0008,1198) with FailureReason (0008,1197) for the others; each item also carries our
 * reason in words as ErrorComment (0000,0902), which a PACS shows in its log. The status: 200 all stored, 202 some
 * refused, 409 none stored.
 */
public final class StowResponses {

    public static final String MEDIA_TYPE = "application/dicom+json";

    private StowResponses() {
    }

    public static int status(List<StowOutcome> outcomes) {
        long stored = outcomes.stream().filter(StowOutcome::isStored).count();
        return stored == outcomes.size() && stored > 0 ? 200 : stored > 0 ? 202 : 409;
    }

    public static JsonObject body(List<StowOutcome> outcomes) {
        JsonArrayBuilder referenced = Json.createArrayBuilder();
        JsonArrayBuilder failed = Json.createArrayBuilder();
        boolean anyStored = false;
        boolean anyFailed = false;
        for (StowOutcome outcome : outcomes) {
            JsonObjectBuilder item = Json.createObjectBuilder();
            uid(item, "00081150", outcome.sopClassUid());
            uid(item, "00081155", outcome.sopInstanceUid());
            if (outcome.isStored()) {
                anyStored = true;
                text(item, outcome.message());
                referenced.add(item);
            } else {
                anyFailed = true;
                item.add("00081197", Json.createObjectBuilder().add("vr", "US")
                        .add("Value", Json.createArrayBuilder().add(outcome.failureReason())));
                text(item, outcome.message());
                failed.add(item);
            }
        }
        JsonObjectBuilder body = Json.createObjectBuilder();
        if (anyFailed) {
            body.add("00081198", Json.createObjectBuilder().add("vr", "SQ").add("Value", failed));
        }
        if (anyStored) {
            body.add("00081199", Json.createObjectBuilder().add("vr", "SQ").add("Value", referenced));
        }
        return body.build();
    }

    /** A request refused as a whole (not multipart/related DICOM, unreadable): one failed item without UIDs. */
    public static JsonObject refused(String message) {
        return body(List.of(StowOutcome.failed(null, null, StowOutcome.CANNOT_UNDERSTAND, message)));
    }

    private static void uid(JsonObjectBuilder item, String tag, String uid) {
        JsonObjectBuilder element = Json.createObjectBuilder().add("vr", "UI");
        if (uid != null) {
            element.add("Value", Json.createArrayBuilder().add(uid));
        }
        item.add(tag, element);
    }

    private static void text(JsonObjectBuilder item, String message) {
        if (message != null) {
            item.add("00000902", Json.createObjectBuilder().add("vr", "LO")
                    .add("Value", Json.createArrayBuilder().add(message)));
        }
    }
}
