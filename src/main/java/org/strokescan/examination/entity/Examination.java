package org.strokescan.examination.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One clinician's series of head-CT slices of one patient. It keeps a summary of its slices (count, highest
 * slice probability, study probability and verdict) so history can filter in the database; the summary changes
 * only while the examination is unsigned, and signing freezes it.
 */
@Entity
@Table(name = "examination")
public class Examination {

    public static final int MAX_ACCESSION_LENGTH = 64;
    public static final int MAX_NOTE_LENGTH = 2000;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false, length = 64)
    private String clinician;

    @Column(name = "patient_id", nullable = false, length = 64)
    private String patientId;

    @Column(name = "accession_number", length = MAX_ACCESSION_LENGTH)
    private String accessionNumber;

    @Column(name = "clinical_note", length = MAX_NOTE_LENGTH)
    private String clinicalNote;

    @Column(name = "slice_count", nullable = false)
    private int sliceCount;

    @Column(name = "rejected_count", nullable = false)
    private int rejectedCount;

    @Column(name = "max_probability")
    private Double maxProbability;

    @Column(name = "study_probability")
    private Double studyProbability;

    @Column(name = "study_threshold")
    private Double studyThreshold;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Verdict verdict;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_state", nullable = false, length = 16)
    private ReviewState reviewState;

    protected Examination() {
    }

    public Examination(Instant createdAt, String clinician, String patientId, String accessionNumber,
                       String clinicalNote) {
        this.id = UUID.randomUUID().toString();
        this.createdAt = createdAt;
        this.clinician = clinician;
        this.patientId = patientId;
        this.accessionNumber = accessionNumber;
        this.clinicalNote = clinicalNote;
        this.verdict = Verdict.PENDING;
        this.reviewState = ReviewState.UNREVIEWED;
    }

    /**
     * Counts a classified slice in, with the study's probability over all its slices so far as the model's study
     * rule gives it; the study is suspected at or above the rule's threshold.
     */
    public void addSlice(Prediction prediction, double studyProbability, double studyThreshold) {
        requireOpen();
        if (!(studyProbability >= 0 && studyProbability <= 1)) {
            throw new IllegalArgumentException("a study probability lies in [0, 1], got " + studyProbability);
        }
        sliceCount++;
        maxProbability = maxProbability == null ? prediction.probability()
                : Math.max(maxProbability, prediction.probability());
        this.studyProbability = studyProbability;
        this.studyThreshold = studyThreshold;
        verdict = studyProbability >= studyThreshold ? Verdict.SUSPECTED : Verdict.NOT_DETECTED;
    }

    public void addRejection() {
        requireOpen();
        rejectedCount++;
    }

    /** Records that a review was written: the first signs, every later one amends. */
    public void reviewed() {
        if (sliceCount == 0) {
            throw new IllegalStateException("An examination without a classified slice cannot be signed.");
        }
        reviewState = reviewState == ReviewState.UNREVIEWED ? ReviewState.SIGNED : ReviewState.AMENDED;
    }

    public boolean open() {
        return reviewState == ReviewState.UNREVIEWED;
    }

    private void requireOpen() {
        if (!open()) {
            throw new IllegalStateException("The examination is signed; slices can no longer be added.");
        }
    }

    public String id() { return id; }
    public Instant createdAt() { return createdAt; }
    public String clinician() { return clinician; }
    public String patientId() { return patientId; }
    public String accessionNumber() { return accessionNumber; }
    public String clinicalNote() { return clinicalNote; }
    public int sliceCount() { return sliceCount; }
    public int rejectedCount() { return rejectedCount; }
    public Double maxProbability() { return maxProbability; }
    /** The study's probability by its model's study rule; null before the first slice (and for older examinations). */
    public Double studyProbability() { return studyProbability; }
    /** The study operating point its verdict was judged at; null for older examinations. */
    public Double studyThreshold() { return studyThreshold; }
    public Verdict verdict() { return verdict; }
    public ReviewState reviewState() { return reviewState; }
}
