package org.strokescan.cds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.strokescan.cds.entity.Card;
import org.strokescan.cds.entity.CardIndicator;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.PatientStudy;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.Review;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.ModelIdentity;

/** The card table: situation → card, in the words a clinician reads on the EHR's patient screen. */
class PatientViewCardsTest {

    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    static final ModelIdentity MODEL = new ModelIdentity("strokescan-ich", "2.0.0", "0c".repeat(32));
    static final double THRESHOLD = 0.287;

    private final PatientViewCards cards = new PatientViewCards(ZONE);

    private static Examination examination(String createdAt, double studyProbability) {
        Examination examination = new Examination(Instant.parse(createdAt), "dr.lee", "MRN-77", null, null);
        Prediction slice = new Prediction(Instant.parse(createdAt), "dr.lee", "MRN-77", examination.id(),
                "ab".repeat(32), "IM0001", new Classification.Classified((float) studyProbability,
                studyProbability >= THRESHOLD, THRESHOLD, MODEL, ImageFormat.PNG, 256, 256, 3_000_000));
        examination.addSlice(slice, studyProbability, THRESHOLD);
        return examination;
    }

    private static PatientStudy study(Examination examination, Review review) {
        return new PatientStudy(examination, Optional.ofNullable(review), MODEL.name(), MODEL.version());
    }

    private static Review signed(Examination examination, boolean agrees, String at) {
        Review review = new Review(examination, 1, "dr.lee", Instant.parse(at), agrees, null);
        examination.reviewed();
        return review;
    }

    @Test
    void aSuspectedStudyNobodyReviewedIsCritical() {
        PatientViewCards.Draft draft = cards.draft(study(examination("2026-12-04T10:42:00Z", 0.869), null), TODAY)
                .orElseThrow();
        assertEquals(CardIndicator.CRITICAL, draft.indicator());
        assertEquals("Possible intracranial haemorrhage on head CT of 10:42 — AI triage, not yet reviewed",
                draft.summary());
        assertTrue(draft.detail().contains("86.9 %") && draft.detail().contains("28.7 %"), draft.detail());
        assertTrue(draft.detail().contains("not a diagnosis"), draft.detail());
        assertEquals("StrokeScan AI triage (strokescan-ich 2.0.0)", draft.sourceLabel());
    }

    @Test
    void anUnreviewedNegativeGetsNoCard() {
        assertEquals(Optional.empty(), cards.draft(study(examination("2026-12-04T10:42:00Z", 0.05), null), TODAY));
    }

    @Test
    void signedResultsAreTheCliniciansFinding() {
        Examination flagged = examination("2026-12-03T22:05:00Z", 0.9);
        PatientViewCards.Draft confirmed = cards.draft(study(flagged, signed(flagged, true, "2026-12-03T22:30:00Z")),
                TODAY).orElseThrow();
        assertEquals(CardIndicator.WARNING, confirmed.indicator());
        assertEquals("Intracranial haemorrhage on head CT of 3 Dec 22:05 — signed 3 Dec 22:30 by dr.lee",
                confirmed.summary());
        assertTrue(confirmed.detail().contains("agrees with the AI finding"));

        Examination overruled = examination("2026-12-04T08:00:00Z", 0.9);
        PatientViewCards.Draft none = cards.draft(study(overruled, signed(overruled, false, "2026-12-04T08:20:00Z")),
                TODAY).orElseThrow();
        assertEquals(CardIndicator.INFO, none.indicator(), "the clinician's finding stands over the AI's");
        assertEquals("No intracranial haemorrhage on head CT of 08:00 — signed 08:20 by dr.lee", none.summary());
        assertTrue(none.detail().contains("differs from the AI finding"));

        Examination missed = examination("2026-12-04T09:00:00Z", 0.1);
        assertEquals(CardIndicator.WARNING, cards.draft(study(missed, signed(missed, false, "2026-12-04T09:10:00Z")),
                TODAY).orElseThrow().indicator(), "a bleed the AI missed, reported by the clinician");
    }

    @Test
    void summariesStayWithinTheSpecificationsLengthAndOverrideReasonsAreOffered() {
        Examination examination = examination("2026-11-30T23:59:00Z", 0.9);
        Review review = new Review(examination, 1, "a-very-long-username-of-sixty-four-characters-at-the-hospital-x",
                Instant.parse("2026-12-01T00:01:00Z"), true, null);
        examination.reviewed();
        String summary = cards.draft(study(examination, review), TODAY).orElseThrow().summary();
        assertTrue(summary.length() < Card.MAX_SUMMARY, summary.length() + ": " + summary);
        assertEquals(3, PatientViewCards.OVERRIDE_REASONS.size());
    }
}
