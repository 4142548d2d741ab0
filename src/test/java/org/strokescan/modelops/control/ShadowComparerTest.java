package org.strokescan.modelops.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.modelops.entity.ShadowComparison;
import org.strokescan.modelops.entity.ShadowInput;
import org.strokescan.modelops.entity.ShadowPrediction;
import org.strokescan.modelops.entity.StudyTruth;

/** The comparison's counts by hand, and McNemar's exact p-values against textbook values. */
class ShadowComparerTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    /** One slice's probability is the study's: k = 1, identity calibration (a = 1, b = 0), threshold 0.5. */
    private static final StudyRule ONE_SLICE = new StudyRule(1, 1, 0, 0.5);

    @Test
    void mcNemarIsTheExactBinomialTestOfTheDiscordantStudies() {
        assertEquals(1.0, ShadowComparer.mcNemar(3, 3), 1e-12, "as many each way: no difference");
        assertEquals(2 * Math.pow(0.5, 6), ShadowComparer.mcNemar(0, 6), 1e-12, "6 of 6 one way: 2 × 0.5⁶");
        // b = 1, c = 9: 2 × P(X ≤ 1 | n = 10) = 2 × 11/1024
        assertEquals(22.0 / 1024, ShadowComparer.mcNemar(1, 9), 1e-12);
        assertTrue(Double.isNaN(ShadowComparer.mcNemar(0, 0)), "undefined without discordant studies");
    }

    @Test
    void labelsImageByImageAndVerdictsAgainstSignedFindings() {
        List<ShadowPrediction> results = new ArrayList<>();
        Map<String, StudyTruth> truths = new HashMap<>();
        // study a: bleed; active flagged it, shadow did too
        study(results, truths, "a", true, true, 0.9, true);
        // study b: bleed; active missed it, shadow flagged it
        study(results, truths, "b", false, true, 0.8, true);
        // study c: no bleed; active flagged it, shadow cleared it
        study(results, truths, "c", true, false, 0.1, false);
        // study d: no bleed; both cleared it
        study(results, truths, "d", false, false, 0.2, false);
        // unsigned study e: counts image by image only
        results.add(ShadowPrediction.classified(new ShadowInput("p-e", "e", "m/2", 0.7, true), "m/1", 0.3, false,
                0.5, 10, T0));
        // a single image the shadow refused
        results.add(ShadowPrediction.refused(new ShadowInput("p-f", null, "m/2", 0.7, true), "m/1", "NOT_HEAD_CT",
                10, T0));

        ShadowComparison c = ShadowComparer.compare(T0, T0.plusSeconds(3600), results, truths, (m, n) -> ONE_SLICE);
        assertEquals(5, c.images());
        assertEquals(1, c.shadowRefused());
        assertEquals(2, c.labelsAgreeing(), "a and d agree; b, c and e do not");
        assertEquals(4, c.studies());
        assertEquals(1, c.active().truePositives());
        assertEquals(1, c.active().falseNegatives());
        assertEquals(1, c.active().falsePositives());
        assertEquals(1, c.active().trueNegatives());
        assertEquals(1.0, c.shadow().sensitivity(), 1e-12);
        assertEquals(1.0, c.shadow().specificity(), 1e-12);
        assertEquals(0, c.activeOnlyCorrect());
        assertEquals(2, c.shadowOnlyCorrect());
        assertEquals(0.5, c.mcNemarP(), 1e-12, "2 of 2 one way: 2 × 0.5²");
        assertEquals(List.of("m/1"), c.shadowModels());
    }

    @Test
    void aStudyTheShadowSawOnlyInPartIsNotCompared() {
        List<ShadowPrediction> results = new ArrayList<>();
        Map<String, StudyTruth> truths = new HashMap<>();
        study(results, truths, "a", true, true, 0.9, true);
        truths.put("a", new StudyTruth("a", 2, true, true)); // the active model classified two slices
        ShadowComparison c = ShadowComparer.compare(T0, T0.plusSeconds(60), results, truths, (m, n) -> ONE_SLICE);
        assertEquals(0, c.studies());
        assertEquals(1, c.images());
    }

    private static void study(List<ShadowPrediction> results, Map<String, StudyTruth> truths, String id,
                              boolean activeSuspected, boolean clinicianSuspected, double shadowProbability,
                              boolean shadowPositive) {
        results.add(ShadowPrediction.classified(new ShadowInput("p-" + id, id, "m/2", activeSuspected ? 0.9 : 0.1,
                activeSuspected), "m/1", shadowProbability, shadowPositive, 0.5, 10, T0));
        truths.put(id, new StudyTruth(id, 1, activeSuspected, clinicianSuspected));
    }
}
