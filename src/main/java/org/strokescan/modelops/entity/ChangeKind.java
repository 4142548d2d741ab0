package org.strokescan.modelops.entity;

/** How a request changes the active model. */
public enum ChangeKind {
    /** the shadow becomes active */
    PROMOTION,
    /** a model that was active before becomes active again */
    ROLLBACK
}
