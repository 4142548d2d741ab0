package org.strokescan.pacs.entity;

/** Where a study from the PACS stands between its first instance and its verdict. */
public enum IntakeState {
    /** instances are arriving; classified once none came for the quiet period */
    RECEIVING,
    /** claimed by a node's worker, which is classifying it */
    CLASSIFYING,
    /** its verdict is complete (or no slice could be classified) */
    CLASSIFIED
}
