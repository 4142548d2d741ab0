package org.strokescan.cds.entity;

import java.util.List;

/**
 * A CDS Hooks 2.0 card as the EHR receives it (JSON field names as the specification spells them). {@code detail} is
 * GitHub-flavoured Markdown; {@code summary} stays under 140 characters.
 */
public record Card(String uuid, String summary, String detail, String indicator, Source source, List<Link> links,
                   List<Coding> overrideReasons) {

    public static final int MAX_SUMMARY = 140;

    public Card {
        if (summary.length() >= MAX_SUMMARY) {
            throw new IllegalArgumentException("a card's summary takes fewer than 140 characters: " + summary);
        }
        links = List.copyOf(links);
        overrideReasons = List.copyOf(overrideReasons);
    }

    /** Who says so: StrokeScan with the model, and where its model card is. */
    public record Source(String label, String url) {
    }

    /** {@code type} is {@code absolute}: a page the EHR opens in a browser. */
    public record Link(String label, String url, String type) {
    }

    public record Coding(String system, String code, String display) {
    }
}
