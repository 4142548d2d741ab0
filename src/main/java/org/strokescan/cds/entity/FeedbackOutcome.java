package org.strokescan.cds.entity;

import java.util.Locale;
import java.util.Optional;

/** What the EHR's user did with a card, as CDS Hooks names it. */
public enum FeedbackOutcome {
    ACCEPTED, OVERRIDDEN;

    public static Optional<FeedbackOutcome> of(String json) {
        for (FeedbackOutcome outcome : values()) {
            if (outcome.name().toLowerCase(Locale.ROOT).equals(json)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
