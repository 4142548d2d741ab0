package org.strokescan.examination.entity;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One study on a clinician's worklist: a department study from the PACS or one of the clinician's own uploads.
 *
 * @param verdict     {@code suspected}, {@code not-suspected}, {@code pending} while it is being classified, or
 *                    {@code refused} when the gates refused every slice of a PACS study (nothing to triage by)
 * @param probability the study's probability by its model's study rule; null while pending
 * @param slices      slices classified
 * @param state       {@code new}, {@code opened} (by {@link #openedBy}), {@code signed} or {@code amended}
 * @param signedBy    who signed it first; null while unsigned
 * @param signedAt    when it was first signed; null while unsigned
 * @param source      {@code pacs} or {@code upload}
 * @param studyTime   StudyDate and StudyTime as the scanner wrote them; null for uploads
 * @param receivedAt  when its first instance arrived (or the upload's examination was started)
 * @param classifiedAt when its verdict came (PACS studies); null otherwise
 */
public record WorklistEntry(String examinationId, String studyInstanceUid, String patientId, String issuerOfPatientId,
                            String accessionNumber, LocalDateTime studyTime, Instant receivedAt, String verdict,
                            Double probability, int slices, String state, String openedBy, String signedBy,
                            Instant signedAt, String source, Instant classifiedAt) {

    public static WorklistEntry of(Examination examination, String signedBy, Instant signedAt) {
        String verdict = switch (examination.verdict()) {
            case PENDING -> examination.classifiedAt() == null ? "pending" : "refused";
            case SUSPECTED -> "suspected";
            case NOT_DETECTED -> "not-suspected";
        };
        String state = switch (examination.reviewState()) {
            case SIGNED -> "signed";
            case AMENDED -> "amended";
            case UNREVIEWED -> examination.openedBy() == null ? "new" : "opened";
        };
        return new WorklistEntry(examination.id(), examination.studyInstanceUid(), examination.patientId(),
                examination.issuerOfPatientId(), examination.accessionNumber(), examination.studyTime(),
                examination.createdAt(), verdict, examination.studyProbability(), examination.sliceCount(), state,
                examination.openedBy(), signedBy, signedAt, examination.department() ? "pacs" : "upload",
                examination.classifiedAt());
    }

    public boolean suspected() {
        return "suspected".equals(verdict);
    }
}
