package org.strokescan.examination.entity;

/**
 * Fired, in the transaction of the change, whenever an examination's result changes: a slice classified, a
 * review signed or amended. Observers (the EHR outbox) act in the same transaction, so the change and what
 * follows from it are stored together or not at all.
 */
public record ExaminationChanged(String examinationId) {
}
