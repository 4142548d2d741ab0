package org.strokescan.cds.entity;

import java.util.Locale;

/** How urgent a card is, as CDS Hooks names it ({@code info}, {@code warning}, {@code critical}). */
public enum CardIndicator {
    INFO, WARNING, CRITICAL;

    /** @throws IllegalArgumentException for a name CDS Hooks does not have */
    public static CardIndicator of(String json) {
        return valueOf(json.toUpperCase(Locale.ROOT));
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
