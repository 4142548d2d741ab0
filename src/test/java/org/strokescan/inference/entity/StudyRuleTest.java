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
    void aRuleOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StudyRule(0, 1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StudyRule(3, 1, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new StudyRule(3, Double.NaN, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StudyRule(3, 1, 0, 0.5).score(new double[0]));
    }
}
