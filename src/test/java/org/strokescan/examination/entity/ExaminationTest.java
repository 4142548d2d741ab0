package org.strokescan.examination.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.Classification.Classified;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.ModelIdentity;
import org.strokescan.inference.entity.StudyRule;

/** The study verdict and the review states of an examination. */
class ExaminationTest {

    private final Examination examination = new Examination(Instant.now(), "clinician1", "MRN-1", null, null);
    private final List<Double> probabilities = new ArrayList<>();

    /** The slice counted in as the boundary does: the study scored by the rule over every slice so far. */
    private void add(Prediction slice, StudyRule rule) {
        probabilities.add(slice.probability());
        examination.addSlice(slice, rule.score(probabilities.stream().mapToDouble(Double::doubleValue).toArray())
                .probability(), rule.threshold());
    }

    private void add(Prediction slice) {
        add(slice, new StudyRule(1, 1, 0, slice.threshold()));
    }

    private Prediction slice(float probability, double threshold) {
        Classified result = new Classified(probability, probability >= threshold, threshold,
                new ModelIdentity("m", "1", "c".repeat(64)), ImageFormat.PNG, 8, 8, 1_000);
        return new Prediction(Instant.now(), "clinician1", "MRN-1", examination.id(), "a".repeat(64), "s.png", result);
    }

    @Test
    void withTheRuleOfModelsBefore2AStudyIsSuspectedAsSoonAsOneSliceIs() {
        assertEquals(Verdict.PENDING, examination.verdict());
        add(slice(0.05f, 0.15));
        assertEquals(Verdict.NOT_DETECTED, examination.verdict());
        add(slice(0.40f, 0.15));
        add(slice(0.10f, 0.15));
        assertEquals(Verdict.SUSPECTED, examination.verdict(), "a later negative slice does not clear the study");
        assertEquals(0.40, examination.maxProbability(), 1e-6);
        assertEquals(3, examination.sliceCount());
    }

    @Test
    void underTheSliceRuleASliceBelowItsModelsThresholdLeavesTheStudyNotDetected() {
        add(slice(0.30f, 0.50));
        assertEquals(Verdict.NOT_DETECTED, examination.verdict(), "0.30 is below this model's threshold");
    }

    @Test
    void aStudyRuleOverSeveralSlicesDecidesTheVerdictAndIsKept() {
        StudyRule topTwo = new StudyRule(2, 1, 0, 0.3);
        add(slice(0.50f, 0.05), topTwo);
        assertEquals(Verdict.SUSPECTED, examination.verdict(), "the rule over one slice: its own probability, 0.50 >= 0.3");
        add(slice(0.05f, 0.05), topTwo);
        assertEquals(Verdict.NOT_DETECTED, examination.verdict(), "the mean logit of 0.50 and 0.05 is below 0.3");
        assertEquals(StudyRule.sigmoid((StudyRule.logit(0.5) + StudyRule.logit(0.05)) / 2),
                examination.studyProbability(), 1e-6);
        assertEquals(0.3, examination.studyThreshold(), 1e-12);
        assertEquals(0.50, examination.maxProbability(), 1e-6, "the highest slice is still reported");
        assertThrows(IllegalArgumentException.class, () -> examination.addSlice(slice(0.1f, 0.05), 1.5, 0.3));
    }

    @Test
    void signingFreezesTheStudyAndLaterReviewsAreAmendments() {
        assertThrows(IllegalStateException.class, examination::reviewed, "nothing to sign yet");
        add(slice(0.2f, 0.15));
        examination.reviewed();
        assertEquals(ReviewState.SIGNED, examination.reviewState());
        assertFalse(examination.open());
        assertThrows(IllegalStateException.class, () -> add(slice(0.9f, 0.15)));
        assertThrows(IllegalStateException.class, examination::addRejection);
        examination.reviewed();
        assertEquals(ReviewState.AMENDED, examination.reviewState());
        assertEquals(1, examination.sliceCount());
    }

    @Test
    void aReviewKeepsTheVerdictItWasSignedAgainst() {
        add(slice(0.9f, 0.15));
        Review review = new Review(examination, 1, "clinician1", Instant.now(), false, "artefact");
        assertEquals(Verdict.SUSPECTED, review.verdict());
        assertEquals(0.9, review.maxProbability(), 1e-6);
        assertFalse(review.amendment());
        assertTrue(new Review(examination, 2, "clinician1", Instant.now(), true, null).amendment());
    }

    /** The clinician's finding is what they signed: the AI's verdict when they agreed, the other one when not. */
    @Test
    void theClinicianFindingFollowsAgreementWithTheVerdict() {
        assertThrows(IllegalArgumentException.class,
                () -> new Review(examination, 1, "clinician1", Instant.now(), true, null), "nothing to review yet");
        add(slice(0.9f, 0.15));
        assertEquals(Verdict.SUSPECTED, new Review(examination, 1, "clinician1", Instant.now(), true, null).finding());
        assertEquals(Verdict.NOT_DETECTED, new Review(examination, 1, "clinician1", Instant.now(), false, null).finding());

        Examination clear = new Examination(Instant.now(), "clinician1", "MRN-2", null, null);
        Classified low = new Classified(0.01f, false, 0.15, new ModelIdentity("m", "1", "c".repeat(64)),
                ImageFormat.PNG, 8, 8, 1_000);
        clear.addSlice(new Prediction(Instant.now(), "clinician1", "MRN-2", clear.id(), "b".repeat(64), "s.png", low),
                0.01, 0.15);
        assertEquals(Verdict.NOT_DETECTED, new Review(clear, 1, "clinician1", Instant.now(), true, null).finding());
        assertEquals(Verdict.SUSPECTED, new Review(clear, 1, "clinician1", Instant.now(), false, null).finding());
    }

    /** The examination page keeps the record in the session; a cluster copies the session to another node. */
    @Test
    void thePagesRecordSurvivesACopyOfTheSession() throws Exception {
        add(slice(0.40f, 0.15));
        Review review = new Review(examination, 1, "clinician1", Instant.now(), true, "bleed");
        ExaminationRecord record = new ExaminationRecord(examination, List.of(slice(0.40f, 0.15)), List.of(), List.of(review));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(record);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            ExaminationRecord copy = (ExaminationRecord) in.readObject();
            assertEquals(examination.id(), copy.examination().id());
            assertEquals(Verdict.SUSPECTED, copy.examination().verdict());
            assertEquals("bleed", copy.currentReview().orElseThrow().comment());
        }
    }
}
