package org.strokescan.modelops.entity;

/**
 * A model the registry offers, with what it does now.
 *
 * @param origin    {@code bundled} or {@code directory} (the operator's {@code strokescan.model.dir})
 * @param wasActive whether it was active before (a rollback target)
 */
public record ModelEntry(String id, String name, String version, ModelState state, String origin, boolean wasActive) {
}
