package org.strokescan.examination.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One clinician's series of head-CT slices of one patient, or (source PACS) a study a PACS sent, which belongs to the
 * department. It keeps a summary of its slices (count, highest
 * slice probability, study probability and verdict) so history can filter in the database; the summary changes
 * only while the examination is unsigned, and signing freezes it.
 */
@Entity
@Table(name = "examination")
public class Examination implements Serializable {

    private static final long serialVersionUID = 1L;

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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private ExaminationSource source = ExaminationSource.UPLOAD;

    @Column(name = "study_instance_uid", length = 64)
    private String studyInstanceUid;

    @Column(name = "series_instance_uid", length = 64)
    private String seriesInstanceUid;

    @Column(name = "issuer_of_patient_id", length = 64)
    private String issuerOfPatientId;

    @Column(name = "study_time")
    private LocalDateTime studyTime;

    @Column(name = "referring_physician", length = 128)
    private String referringPhysician;

    @Column(name = "performing_physician", length = 128)
    private String performingPhysician;

    @Column(name = "opened_by", length = 64)
    private String openedBy;

    @Column(name = "opened_at")
    private Instant openedAt;

    @Column(name = "classified_at")
    private Instant classifiedAt;

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
     * A study a PACS sent, owned by the department: {@code sender} is the sending system's account, kept as the
     * examination's creator.
     */
    public static Examination fromPacs(Instant receivedAt, String sender, DicomStudy study) {
        Examination examination = new Examination(receivedAt, sender, study.patientId(),
                truncate(study.accessionNumber(), MAX_ACCESSION_LENGTH), null);
        examination.source = ExaminationSource.PACS;
        examination.studyInstanceUid = study.studyInstanceUid();
        examination.issuerOfPatientId = truncate(study.issuerOfPatientId(), 64);
        examination.studyTime = study.studyTime();
        examination.referringPhysician = truncate(study.referringPhysician(), 128);
        examination.performingPhysician = truncate(study.performingPhysician(), 128);
        return examination;
    }

    /** The first clinician to open a department study; later openings leave it as it is. */
    public void openedBy(String clinician, Instant at) {
        if (openedBy == null) {
            openedBy = clinician;
            openedAt = at;
        }
    }

    /** The PACS study's slices of {@code series} were all classified at {@code at}. */
    public void classified(String series, Instant at) {
        seriesInstanceUid = series;
        classifiedAt = at;
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

    public boolean department() {
        return source == ExaminationSource.PACS;
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
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
    public ExaminationSource source() { return source; }
    public String studyInstanceUid() { return studyInstanceUid; }
    /** The series that was classified; null until then and for uploads. */
    public String seriesInstanceUid() { return seriesInstanceUid; }
    public String issuerOfPatientId() { return issuerOfPatientId; }
    /** StudyDate and StudyTime as the scanner wrote them (local time of the hospital). */
    public LocalDateTime studyTime() { return studyTime; }
    public String referringPhysician() { return referringPhysician; }
    public String performingPhysician() { return performingPhysician; }
    public String openedBy() { return openedBy; }
    public Instant openedAt() { return openedAt; }
    public Instant classifiedAt() { return classifiedAt; }
}
