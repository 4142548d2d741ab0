package org.strokescan.examination.entity;

/**
 * Fired, in the transaction of the change, whenever a department study's line on the worklist changes: it arrived,
 * its verdict came, someone opened or signed it. Observers act after the commit (the worklist page is pushed).
 *
 * @param suspectedVerdict the study's verdict just came and it is suspected: worth a notification
 */
public record WorklistChanged(String examinationId, boolean suspectedVerdict) {
}
