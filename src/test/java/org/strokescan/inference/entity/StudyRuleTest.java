package org.strokescan.inference.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyRuleTest {

    @Test
    void theStudyScoreIsTheCalibratedMeanOfTheTopKSliceLogits() {
        StudyRule rule = new StudyRule(2, 2.0, -1.0, 0.3);
        double[] p = {0.1, 0.8, 0.02, 0.6};
        double mean = (StudyRule.logit(0.8) + StudyRule.logit(0.6)) / 2;
        StudyRule.Score score = rule.score(p);
        assertEquals(StudyRule.sigmoid(2 * mean - 1), score.probability(), 1e-12);
        assertEquals(List.of(1, 3), score.drivers(), "the two most suspicious slices, most suspicious first");
        assertTrue(score.positive());
    }

    @Test
    void theOrderOfTheSlicesDoesNotMatterAndFewerThanKSlicesAllCount() {
        StudyRule rule = new StudyRule(3, 1, 0, 0.5);
        assertEquals(rule.score(new double[] {0.2, 0.9, 0.4, 0.1}).probability(),
                rule.score(new double[] {0.1, 0.4, 0.9, 0.2}).probability(), 1e-12);
        assertEquals(0.3, rule.score(new double[] {0.3}).probability(), 1e-9, "k=1 slice, identity calibration");
        assertFalse(rule.score(new double[] {0.3}).positive());
    }

    @Test
    void cardsWithoutAStudyRuleFlagAStudyByItsMostSuspiciousSlice() {
        ModelCard card = new ModelCard("m", "1.0.0", "t", new PreprocessingSpec(64, PreprocessingSpec.Normalisation.NONE, 0),
                0.05, "d", "v", Map.of(), "u", List.of(), Map.of("saved_model.pb", "x"));
        StudyRule legacy = card.studyRule();
        assertEquals(0.07, legacy.score(new double[] {0.01, 0.07, 0.02}).probability(), 1e-9);
        assertTrue(legacy.score(new double[] {0.01, 0.07}).positive());
        assertFalse(legacy.score(new double[] {0.01, 0.04}).positive());
    }

    @Test
    void aStudyShorterThanTheRuleIsJudgedAsItsMostSuspiciousSliceAtTheSliceThreshold() {
        StudyRule study = new StudyRule(3, 2.0, -0.2, 0.29);
        ModelCard card = new ModelCard("m", "2.0.0", "t", new PreprocessingSpec(64, PreprocessingSpec.Normalisation.NONE, 0),
                0.057, "d", "v", Map.of(), "u", List.of(), Map.of("saved_model.pb", "x"), study, new GateRule(0.4));
        // a lone slice at 0.2 is above the slice threshold: suspected, though the study rule would clear it
        assertTrue(card.studyRuleFor(1).score(new double[] {0.2}).positive());
        assertFalse(study.score(new double[] {0.2}).positive());
        // two slices: still the most suspicious one, so a clear second slice cannot hide a suspicious first
        assertTrue(card.studyRuleFor(2).score(new double[] {0.9, 0.01}).positive());
        assertEquals(0.9, card.studyRuleFor(2).score(new double[] {0.9, 0.01}).probability(), 1e-9);
        assertEquals(0.057, card.studyRuleFor(2).threshold());
        // from k slices on, the study rule
        assertEquals(study, card.studyRuleFor(3));
        assertEquals(study, card.studyRuleFor(40));
    }

    @Test
    void aRuleOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StudyRule(0, 1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StudyRule(3, 1, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new StudyRule(3, Double.NaN, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StudyRule(3, 1, 0, 0.5).score(new double[0]));
    }
}
