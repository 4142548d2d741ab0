package org.strokescan.examination.entity;

/** The study-level result of an examination: suspected when any of its slices is at or above its threshold. */
public enum Verdict {
    /** no slice classified yet */
    PENDING,
    SUSPECTED,
    NOT_DETECTED
}
