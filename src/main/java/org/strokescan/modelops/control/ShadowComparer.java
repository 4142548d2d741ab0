package org.strokescan.modelops.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.modelops.entity.Accuracy;
import org.strokescan.modelops.entity.ShadowComparison;
import org.strokescan.modelops.entity.ShadowPrediction;
import org.strokescan.modelops.entity.StudyTruth;

/**
 * Compares the shadow with the active model. Image by image: how often the labels agree. Study by study, where a
 * clinician signed: sensitivity and specificity of each against the signed finding, and McNemar's exact test on the
 * studies only one of them got right (the discordant pairs are what tells two models on the same cases apart).
 */
public final class ShadowComparer {

    private ShadowComparer() {
    }

    /**
     * @param results the shadow's results of the period
     * @param truths  the signed examinations among them, by id
     * @param ruleOf  the study rule of a shadow model for a number of slices, or null when it is unknown
     */
    public static ShadowComparison compare(Instant from, Instant to, List<ShadowPrediction> results,
                                           Map<String, StudyTruth> truths,
                                           BiFunction<String, Integer, StudyRule> ruleOf) {
        int images = 0;
        int refused = 0;
        int agreeing = 0;
        int activePositives = 0;
        int shadowPositives = 0;
        for (ShadowPrediction r : results) {
            if (r.refusal().isPresent()) {
                refused++;
                continue;
            }
            images++;
            boolean shadowPositive = r.positive().orElseThrow();
            agreeing += shadowPositive == r.activePositive() ? 1 : 0;
            activePositives += r.activePositive() ? 1 : 0;
            shadowPositives += shadowPositive ? 1 : 0;
        }
        int[] active = new int[4];
        int[] shadow = new int[4];
        int activeOnly = 0;
        int shadowOnly = 0;
        Map<String, List<ShadowPrediction>> byExamination = results.stream()
                .filter(r -> r.examinationId().isPresent())
                .collect(Collectors.groupingBy(r -> r.examinationId().get()));
        for (Map.Entry<String, List<ShadowPrediction>> study : byExamination.entrySet()) {
            StudyTruth truth = truths.get(study.getKey());
            List<ShadowPrediction> slices = study.getValue();
            if (truth == null || slices.size() != truth.slices()) {
                continue; // unsigned, or the shadow did not see every slice the clinicians' verdict came from
            }
            double[] probabilities = slices.stream().filter(s -> s.probability().isPresent())
                    .mapToDouble(s -> s.probability().get()).toArray();
            if (probabilities.length == 0 || slices.stream().map(ShadowPrediction::shadowModel).distinct().count() > 1) {
                continue; // the shadow refused every slice, or the shadow was changed during the study
            }
            StudyRule rule = ruleOf.apply(slices.getFirst().shadowModel(), probabilities.length);
            if (rule == null) {
                continue; // the shadow model is no longer in the registry: its study rule is unknown
            }
            boolean shadowSuspected = rule.score(probabilities).positive();
            count(active, truth.activeSuspected(), truth.clinicianSuspected());
            count(shadow, shadowSuspected, truth.clinicianSuspected());
            boolean activeRight = truth.activeSuspected() == truth.clinicianSuspected();
            boolean shadowRight = shadowSuspected == truth.clinicianSuspected();
            activeOnly += activeRight && !shadowRight ? 1 : 0;
            shadowOnly += shadowRight && !activeRight ? 1 : 0;
        }
        return new ShadowComparison(from, to, models(results, ShadowPrediction::shadowModel),
                models(results, ShadowPrediction::activeModel), images, refused, agreeing, activePositives,
                shadowPositives, active[0] + active[1] + active[2] + active[3], accuracy(active), accuracy(shadow),
                activeOnly, shadowOnly, mcNemar(activeOnly, shadowOnly));
    }

    /** Exact two-sided McNemar: under no difference each discordant study is equally likely to favour either. */
    public static double mcNemar(int activeOnlyCorrect, int shadowOnlyCorrect) {
        int discordant = activeOnlyCorrect + shadowOnlyCorrect;
        if (discordant == 0) {
            return Double.NaN;
        }
        return BinomialTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED)
                .test(discordant, shadowOnlyCorrect, 0.5).getPValue();
    }

    private static void count(int[] counts, boolean suspected, boolean truth) {
        counts[truth ? (suspected ? 0 : 1) : (suspected ? 3 : 2)]++;
    }

    private static Accuracy accuracy(int[] c) {
        return new Accuracy(c[0], c[1], c[2], c[3]);
    }

    private static List<String> models(List<ShadowPrediction> results,
                                       java.util.function.Function<ShadowPrediction, String> model) {
        return new ArrayList<>(results.stream().map(model).collect(Collectors.toCollection(TreeSet::new)));
    }
}
