package org.strokescan.examination.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A clinician's signed opinion of an examination's AI finding. Sequence 1 is the signature; each later review
 * is an amendment. Never changed once written, so the original stays next to every correction. It keeps the
 * verdict and highest probability it was signed against; the clinician's own finding follows from that verdict and
 * whether the clinician agreed with it ({@link #finding()}).
 */
@Entity
@Table(name = "review")
public class Review implements Serializable {

    private static final long serialVersionUID = 1L;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "examination_id", nullable = false, length = 36)
    private String examinationId;

    @Column(nullable = false)
    private int sequence;

    @Column(name = "signed_by", nullable = false, length = 64)
    private String signedBy;

    @Column(name = "signed_at", nullable = false)
    private Instant signedAt;

    @Column(nullable = false)
    private boolean agrees;

    @Column(length = Examination.MAX_NOTE_LENGTH)
    private String comment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Verdict verdict;

    @Column(name = "max_probability", nullable = false)
    private double maxProbability;

    protected Review() {
    }

    public Review(Examination examination, int sequence, String signedBy, Instant signedAt, boolean agrees,
                  String comment) {
        if (examination.verdict() == Verdict.PENDING) {
            throw new IllegalArgumentException("An examination without an AI verdict cannot be reviewed.");
        }
        this.id = UUID.randomUUID().toString();
        this.examinationId = examination.id();
        this.sequence = sequence;
        this.signedBy = signedBy;
        this.signedAt = signedAt;
        this.agrees = agrees;
        this.comment = comment;
        this.verdict = examination.verdict();
        this.maxProbability = examination.maxProbability();
    }

    public boolean amendment() {
        return sequence > 1;
    }

    /**
     * The clinician's finding for the study: the AI verdict it was signed against when the clinician agreed, the
     * other one when not (the review asks one question, agree or disagree, so a disagreement is the opposite).
     */
    public Verdict finding() {
        if (agrees) {
            return verdict;
        }
        return verdict == Verdict.SUSPECTED ? Verdict.NOT_DETECTED : Verdict.SUSPECTED;
    }

    public String id() { return id; }
    public String examinationId() { return examinationId; }
    public int sequence() { return sequence; }
    public String signedBy() { return signedBy; }
    public Instant signedAt() { return signedAt; }
    public boolean agrees() { return agrees; }
    public String comment() { return comment; }
    public Verdict verdict() { return verdict; }
    public double maxProbability() { return maxProbability; }
}
