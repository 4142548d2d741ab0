package org.strokescan.examination.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import jakarta.ejb.SessionContext;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.examination.boundary.ExaminationException.Reason;
import org.strokescan.examination.control.ExaminationRepository;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationChanged;
import org.strokescan.examination.entity.WorklistChanged;
import org.strokescan.examination.entity.ExaminationQuery;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionOutcome;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.ReviewState;
import org.strokescan.examination.entity.Verdict;
import org.strokescan.inference.boundary.Classifier;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.ModelIdentity;
import org.strokescan.inference.entity.StudyRule;

/**
 * The rules of {@link Examinations}, without a container. The subject and the patient-id format (with the pattern
 * microprofile-config.properties ships) are real; the examination store is a mock that answers
 * {@link ExaminationRepository#owned} from a map by owner, as the database query does ({@code find} from the same
 * map, whoever owns it, so a step that skipped the ownership check would be seen); the classifier, the
 * recorder, the audit trail, the event and the caller are mocks. The entity manager is a mock too (only to see
 * what is persisted) — the one collaborator mocked here that is not ours.
 */
@ExtendWith(MockitoExtension.class)
class ExaminationsTest {

    private static final String ME = "dr-a";
    private static final String COLLEAGUE = "dr-b";
    private static final int MAX_SLICES = 3;
    private static final ModelIdentity MODEL = new ModelIdentity("strokescan-cnn", "2.1.0", "c0ffee");
    private static final byte[] SLICE = {1, 2, 3};

    @Mock
    EntityManager em;
    @Mock
    ExaminationRepository repository;
    @Mock
    Classifier classifier;
    @Mock
    PredictionRecorder recorder;
    @Mock
    AuditTrail audit;
    @Mock
    Event<ExaminationChanged> changed;
    @Mock
    Event<WorklistChanged> worklist;
    @Mock
    SessionContext session;

    private final Map<String, Examination> stored = new HashMap<>();
    private final Examinations examinations = new Examinations();

    @BeforeEach
    void wire() throws IOException {
        examinations.em = em;
        examinations.repository = repository;
        StudySlices slices = new StudySlices();
        slices.em = em;
        slices.repository = repository;
        slices.classifier = classifier;
        slices.recorder = recorder;
        slices.changed = changed;
        slices.worklist = worklist;
        slices.maxSlices = MAX_SLICES;
        examinations.slices = slices;
        examinations.recorder = recorder;
        examinations.audit = audit;
        examinations.changed = changed;
        examinations.worklist = worklist;
        examinations.session = session;
        examinations.patientIds = new PatientIdFormat(shippedPatientIdPattern());
        lenient().when(session.getCallerPrincipal()).thenReturn(() -> ME);
        lenient().when(repository.reachable(anyString(), anyString(), anyBoolean())).thenAnswer(call ->
                Optional.ofNullable(stored.get(call.<String>getArgument(0)))
                        .filter(examination -> examination.clinician().equals(call.getArgument(1))));
        // what an ownership check would have to be skipped for: every examination, whoever owns it
        lenient().when(repository.find(anyString())).thenAnswer(call ->
                Optional.ofNullable(stored.get(call.<String>getArgument(0))));
    }

    // ---- starting an examination

    @Test
    void startTakesAPatientIdInTheHospitalsFormatForTheCaller() {
        Examination started = examinations.start("  MRN-0042 ", " ACC-7 ", "  ");

        assertEquals(ME, started.clinician());
        assertEquals("MRN-0042", started.patientId());
        assertEquals("ACC-7", started.accessionNumber());
        assertNull(started.clinicalNote(), "a blank note is none");
        assertTrue(started.open());
        verify(em).persist(started);
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.EXAMINATION_CREATED
                && entry.subject().equals("patient MRN-0042") && entry.detail().contains(started.id())));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "ab", "-MRN-1", "MRN 1", "MRN_1", "MRN-1;drop", "M23456789012345678901234567890123"})
    void startRefusesAPatientIdOutsideTheFormatAndStoresNothing(String patientId) {
        ExaminationException refused = assertThrows(ExaminationException.class,
                () -> examinations.start(patientId, null, null));

        assertEquals(Reason.PATIENT_ID_FORMAT, refused.reason());
        verifyNoInteractions(em, audit);
    }

    @Test
    void startRefusesAnAccessionNumberOrNoteLongerThanItsColumn() {
        String longAccession = "A".repeat(Examination.MAX_ACCESSION_LENGTH + 1);
        String longNote = "n".repeat(Examination.MAX_NOTE_LENGTH + 1);

        assertEquals(Reason.TOO_LONG, assertThrows(ExaminationException.class,
                () -> examinations.start("MRN-1", longAccession, null)).reason());
        assertEquals(Reason.TOO_LONG, assertThrows(ExaminationException.class,
                () -> examinations.start("MRN-1", null, longNote)).reason());
        verifyNoInteractions(em, audit);

        examinations.start("MRN-1", "A".repeat(Examination.MAX_ACCESSION_LENGTH),
                "n".repeat(Examination.MAX_NOTE_LENGTH));
    }

    // ---- a colleague's examination

    @Test
    void aColleaguesExaminationAnswersNotFoundToEveryStep() {
        Examination theirs = storedExamination(COLLEAGUE, 1);

        Map<String, Executable> steps = new LinkedHashMap<>();
        steps.put("open", () -> examinations.open(theirs.id()));
        steps.put("addSlice", () -> examinations.addSlice(theirs.id(), SLICE, "s.png"));
        steps.put("sign", () -> examinations.sign(theirs.id(), true, null));
        steps.put("amend", () -> examinations.amend(theirs.id(), true, null));
        steps.forEach((name, step) -> assertEquals(Reason.NOT_FOUND,
                assertThrows(ExaminationException.class, step, name).reason(), name));
        assertEquals(Reason.NOT_FOUND, assertThrows(ExaminationException.class,
                () -> examinations.open("no-such-id")).reason());
        verifyNoInteractions(em, audit, classifier, recorder, changed);
        assertEquals(1, theirs.sliceCount());
        assertTrue(theirs.open());
    }

    @Test
    void searchAndCountOnlySeeTheCallersExaminationsWhateverTheQueryAsks() {
        ExaminationQuery asked = new ExaminationQuery(null, null, COLLEAGUE, "MRN-1", Verdict.SUSPECTED, null);

        examinations.search(asked, 0, 20, "createdAt", false);
        examinations.count(asked);

        ExaminationQuery mine = asked.forClinician(ME);
        verify(repository).search(mine, 0, 20, "createdAt", false);
        verify(repository).count(mine);
    }

    @Test
    void openingAnExaminationIsAuditedAsAViewOfThePatientsRecord() {
        Examination mine = storedExamination(ME, 1);

        examinations.open(mine.id());

        verify(audit).record(argThat(entry -> entry.action() == AuditAction.EXAMINATION_VIEWED
                && entry.subject().equals("patient MRN-1") && entry.detail().contains(mine.id())));
        verify(repository).record(mine);
    }

    // ---- adding slices

    @Test
    void aClassifiedSliceIsRecordedForThePatientAndScoresTheStudyByItsModel() {
        Examination mine = storedExamination(ME, 0);
        Classification.Classified classified = classified(0.9f);
        when(classifier.classify(SLICE)).thenReturn(classified);
        PredictionOutcome.Stored outcome = new PredictionOutcome.Stored(prediction(mine, classified));
        when(recorder.record(classified, SLICE, "s1.png", ME, "MRN-1", mine.id())).thenReturn(outcome);
        when(repository.sliceProbabilities(mine.id(), MODEL.checksum())).thenReturn(new double[] {0.9, 0.2});
        when(classifier.studyRuleFor(2)).thenReturn(new StudyRule(1, 1.0, 0.0, 0.5));

        assertSame(outcome, examinations.addSlice(mine.id(), SLICE, "s1.png"));

        assertEquals(1, mine.sliceCount());
        assertEquals(0.9, mine.studyProbability(), 1e-6, "top-1 slice, identity calibration");
        assertEquals(Verdict.SUSPECTED, mine.verdict());
        verify(repository).reachable(mine.id(), ME, true);
        verify(changed).fire(new ExaminationChanged(mine.id()));
    }

    @Test
    void aRefusedSliceIsKeptAsARejectionAndDoesNotCount() {
        Examination mine = storedExamination(ME, 0);
        Classification.Refused refusal = new Classification.Refused(GateVerdict.Reason.NO_SKULL, "not a head CT");
        when(classifier.classify(SLICE)).thenReturn(refusal);
        when(recorder.record(refusal, SLICE, "photo.jpg", ME, "MRN-1", mine.id()))
                .thenReturn(new PredictionOutcome.Rejected(refusal));

        assertInstanceOf(PredictionOutcome.Rejected.class, examinations.addSlice(mine.id(), SLICE, "photo.jpg"));

        ArgumentCaptor<RejectedUpload> kept = ArgumentCaptor.forClass(RejectedUpload.class);
        verify(em).persist(kept.capture());
        assertEquals(mine.id(), kept.getValue().examinationId());
        assertEquals(0, mine.sliceCount());
        assertEquals(1, mine.rejectedCount());
        assertEquals(Verdict.PENDING, mine.verdict());
        verify(changed, never()).fire(any());
    }

    @Test
    void aSignedExaminationTakesNoMoreSlices() {
        Examination mine = storedExamination(ME, 1);
        mine.reviewed();

        assertEquals(Reason.SIGNED, assertThrows(ExaminationException.class,
                () -> examinations.addSlice(mine.id(), SLICE, "late.png")).reason());
        verifyNoInteractions(classifier, recorder);
        assertEquals(1, mine.sliceCount());
    }

    @Test
    void aFullExaminationTakesNoMoreSlicesAndNothingIsClassified() {
        Examination mine = storedExamination(ME, MAX_SLICES);

        assertEquals(Reason.FULL, assertThrows(ExaminationException.class,
                () -> examinations.addSlice(mine.id(), SLICE, "one-too-many.png")).reason());
        verifyNoInteractions(classifier, recorder);
        assertEquals(MAX_SLICES, mine.sliceCount());
    }

    // ---- signing and amending

    @Test
    void signingNeedsAClassifiedSlice() {
        Examination mine = storedExamination(ME, 0);

        assertEquals(Reason.NOTHING_TO_SIGN, assertThrows(ExaminationException.class,
                () -> examinations.sign(mine.id(), true, null)).reason());
        assertTrue(mine.open());
        verifyNoInteractions(em, audit);
    }

    @Test
    void signingWritesTheFirstReviewAndFreezesTheExamination() {
        Examination mine = storedExamination(ME, 2);

        Review review = examinations.sign(mine.id(), false, "  haemorrhage not confirmed  ");

        assertEquals(1, review.sequence());
        assertFalse(review.amendment());
        assertEquals(ME, review.signedBy());
        assertFalse(review.agrees());
        assertEquals("haemorrhage not confirmed", review.comment());
        assertEquals(mine.verdict(), review.verdict());
        assertEquals(ReviewState.SIGNED, mine.reviewState());
        verify(em).persist(review);
        verify(changed).fire(new ExaminationChanged(mine.id()));
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.EXAMINATION_SIGNED
                && entry.subject().equals("patient MRN-1") && entry.detail().contains("disagrees with")));
    }

    @Test
    void aSignedExaminationIsAmendedNotSignedAgain() {
        Examination mine = storedExamination(ME, 1);
        examinations.sign(mine.id(), true, null);
        Review signature = lastPersistedReview();
        when(repository.reviews(mine)).thenReturn(List.of(signature));

        assertEquals(Reason.WRONG_REVIEW_STATE, assertThrows(ExaminationException.class,
                () -> examinations.sign(mine.id(), false, "second thoughts")).reason());

        Review amendment = examinations.amend(mine.id(), false, "second thoughts");
        assertEquals(2, amendment.sequence());
        assertTrue(amendment.amendment());
        assertEquals(ReviewState.AMENDED, mine.reviewState());
        assertTrue(signature.agrees(), "the signature stays as it was");
        verify(audit).record(argThat(entry -> entry.action() == AuditAction.EXAMINATION_AMENDED));
    }

    @Test
    void onlyASignedExaminationCanBeAmended() {
        Examination mine = storedExamination(ME, 1);

        assertEquals(Reason.WRONG_REVIEW_STATE, assertThrows(ExaminationException.class,
                () -> examinations.amend(mine.id(), false, "too early")).reason());
        assertTrue(mine.open());
        verifyNoInteractions(em, audit);
    }

    @Test
    void aReviewCommentLongerThanItsColumnIsRefused() {
        Examination mine = storedExamination(ME, 1);

        assertEquals(Reason.TOO_LONG, assertThrows(ExaminationException.class, () -> examinations.sign(mine.id(),
                true, "c".repeat(Examination.MAX_NOTE_LENGTH + 1))).reason());
        assertTrue(mine.open());
        verifyNoInteractions(em, audit);
    }

    // ---- helpers

    /** The default of {@code strokescan.patient-id.pattern} as shipped, so these rules follow the file. */
    private static String shippedPatientIdPattern() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = ExaminationsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        return shipped.getProperty("strokescan.patient-id.pattern");
    }

    /** An examination of patient MRN-1 owned by {@code clinician}, with {@code slices} classified slices. */
    private Examination storedExamination(String clinician, int slices) {
        Examination examination = new Examination(Instant.now(), clinician, "MRN-1", null, null);
        for (int i = 0; i < slices; i++) {
            examination.addSlice(prediction(examination, classified(0.2f)), 0.2, 0.5);
        }
        stored.put(examination.id(), examination);
        return examination;
    }

    private static Classification.Classified classified(float probability) {
        return new Classification.Classified(probability, probability >= 0.5, 0.5, MODEL, ImageFormat.PNG, 256, 256,
                3_000_000);
    }

    private static Prediction prediction(Examination examination, Classification.Classified classified) {
        return new Prediction(Instant.now(), examination.clinician(), examination.patientId(), examination.id(),
                "0".repeat(64), "slice.png", classified);
    }

    private Review lastPersistedReview() {
        ArgumentCaptor<Object> persisted = ArgumentCaptor.forClass(Object.class);
        verify(em, atLeastOnce()).persist(persisted.capture());
        return (Review) persisted.getAllValues().getLast();
    }
}
