package org.strokescan.modelops.entity;

/**
 * What an examination's clinician signed, beside the verdict the active model showed.
 *
 * @param slices            slices the active model classified
 * @param activeSuspected   the study verdict clinicians saw
 * @param clinicianSuspected the finding of the review that stands (a haemorrhage or none)
 */
public record StudyTruth(String examinationId, int slices, boolean activeSuspected, boolean clinicianSuspected) {
}
