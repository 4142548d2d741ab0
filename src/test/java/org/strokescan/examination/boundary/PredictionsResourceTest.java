package org.strokescan.examination.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.boundary.PredictionsResource.RefusalStatus;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.RefusalReason;

class PredictionsResourceTest {

    /** Every reason there is, intake and gate alike. */
    static Map<String, RefusalReason> everyReason() {
        return Arrays.stream(RefusalReason.class.getPermittedSubclasses())
                .flatMap(type -> Arrays.stream(type.getEnumConstants())).map(RefusalReason.class::cast)
                .collect(Collectors.toMap(RefusalReason::name, r -> r, (a, b) -> a, TreeMap::new));
    }

    @Test
    void eachRefusalIsAnsweredWithTheStatusTheApiDocuments() {
        Map<String, Set<String>> answers = new TreeMap<>();
        everyReason().forEach((name, reason) -> {
            RefusalStatus status = PredictionsResource.status(reason);
            answers.computeIfAbsent(status.status() + " " + status.title(), s -> new TreeSet<>()).add(name);
        });
        assertEquals(Map.of(
                "413 Payload too large", Set.of("TOO_LARGE", "TOO_MANY_PIXELS"),
                "415 Unsupported media type", Set.of("UNSUPPORTED_TYPE", "UNSUPPORTED_TRANSFER_SYNTAX",
                        "UNSUPPORTED_PIXEL_FORMAT"),
                "422 Unreadable image", Set.of("EMPTY", "CORRUPT", "TRUNCATED"),
                "422 Not a head-CT slice", Arrays.stream(GateVerdict.Reason.values()).map(Enum::name)
                        .collect(Collectors.toSet())), answers);
    }

    @Test
    void reasonsAreAuditedWithTheirStage() {
        assertEquals("intake: TOO_LARGE", IntakeResult.Reason.TOO_LARGE.audited());
        assertEquals("gate: COLOUR", GateVerdict.Reason.COLOUR.audited());
        assertEquals(IntakeResult.Reason.values().length + GateVerdict.Reason.values().length, everyReason().size(),
                "no two reasons share a name: the stored code names one");
    }
}
