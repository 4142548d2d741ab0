package org.strokescan.modelops.entity;

/** The two places a model can hold on every node. */
public enum ModelSlot {
    /** classifies for clinicians */
    ACTIVE,
    /** classifies the same images unseen, for comparison */
    SHADOW
}
