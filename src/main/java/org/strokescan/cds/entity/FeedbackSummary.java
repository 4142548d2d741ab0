package org.strokescan.cds.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** For auditors: cards put on EHR screens in a period, and what their users did with them. */
/** Override reasons in the order first seen, with their counts. */
public record FeedbackSummary(long cardsIssued, long accepted, long overridden, Map<String, Long> overrideReasons) {

    public FeedbackSummary {
        overrideReasons = Collections.unmodifiableMap(new LinkedHashMap<>(overrideReasons));
    }
}
