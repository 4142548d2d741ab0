package org.strokescan.cds.entity;

import java.util.Map;

/** One entry of the discovery document ({@code GET /cds-services}), as CDS Hooks 2.0 spells it. */
public record CdsService(String hook, String id, String title, String description, Map<String, String> prefetch,
                         String usageRequirements) {
}
