package org.strokescan.examination.entity;

/** Where an examination stands with its clinician: open for uploads, signed (final), or amended after signing. */
public enum ReviewState {
    UNREVIEWED,
    SIGNED,
    AMENDED
}
