package org.strokescan.examination.entity;

/**
 * Where an examination came from. An upload belongs to the clinician who made it; a study a PACS sent belongs to
 * the department: every clinician finds it on the worklist, opens, reviews and signs it.
 */
public enum ExaminationSource {
    UPLOAD,
    PACS
}
