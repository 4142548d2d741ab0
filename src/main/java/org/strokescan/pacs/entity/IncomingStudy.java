package org.strokescan.pacs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A study from the PACS on its way from first instance to verdict (see {@link IntakeState}). */
@Entity
@Table(name = "incoming_study")
public class IncomingStudy {

    static final int NOTE_LENGTH = 500;

    @Id
    @Column(name = "examination_id", length = 36)
    private String examinationId;

    @Column(name = "study_instance_uid", nullable = false, length = 64)
    private String studyInstanceUid;

    @Column(name = "last_received_at", nullable = false)
    private Instant lastReceivedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private IntakeState state;

    @Column(nullable = false)
    private int instances;

    @Column(length = NOTE_LENGTH)
    private String note;

    /** The node classifying the study (state CLASSIFYING), and when it last showed progress. */
    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Column(name = "claimed_at")
    private Instant claimedAt;

    protected IncomingStudy() {
    }

    public IncomingStudy(String examinationId, String studyInstanceUid, Instant receivedAt) {
        this.examinationId = examinationId;
        this.studyInstanceUid = studyInstanceUid;
        this.lastReceivedAt = receivedAt;
        this.state = IntakeState.RECEIVING;
    }

    /**
     * One more instance stored; the quiet period starts again. A study classified before takes it too (a PACS sends
     * late instances, or a whole study again): it is classified again, its slices classified before are not.
     */
    public void received(Instant at) {
        instances++;
        lastReceivedAt = at;
        if (state == IntakeState.CLASSIFIED) {
            state = IntakeState.RECEIVING;
        }
    }

    /**
     * The classification that took the study when it had been quiet since {@code quietSince} is done; an instance
     * that arrived after that was not part of it, so the study waits for another round.
     */
    public void classified(Instant quietSince, String why) {
        state = lastReceivedAt.isBefore(quietSince) ? IntakeState.CLASSIFIED : IntakeState.RECEIVING;
        released();
        note = why == null || why.length() <= NOTE_LENGTH ? why : why.substring(0, NOTE_LENGTH);
    }

    /** Classification could not run (no model): the study waits another quiet period. */
    public void retryLater(Instant now, String why) {
        state = IntakeState.RECEIVING;
        released();
        lastReceivedAt = now;
        note = why == null || why.length() <= NOTE_LENGTH ? why : why.substring(0, NOTE_LENGTH);
    }

    private void released() {
        claimedBy = null;
        claimedAt = null;
    }

    public String examinationId() { return examinationId; }
    public String studyInstanceUid() { return studyInstanceUid; }
    public Instant lastReceivedAt() { return lastReceivedAt; }
    public IntakeState state() { return state; }
    public int instances() { return instances; }
    public String note() { return note; }
    public String claimedBy() { return claimedBy; }
    public Instant claimedAt() { return claimedAt; }
}
