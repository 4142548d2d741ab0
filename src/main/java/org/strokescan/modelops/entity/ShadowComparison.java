package org.strokescan.modelops.entity;

import java.time.Instant;
import java.util.List;

/**
 * The shadow compared with the active model over a period: image by image, and study by study against clinicians'
 * signed findings where there are some.
 *
 * @param images            images both classified (the shadow's refusals are counted apart)
 * @param shadowRefused     images the shadow's gate refused
 * @param labelsAgreeing    images both gave the same label
 * @param studies           examinations with a signed finding whose every slice the shadow classified
 * @param active            the active model's study verdicts (as clinicians saw them) against the signed findings
 * @param shadow            the shadow's study verdicts (its own study rule) against the same findings
 * @param activeOnlyCorrect studies the active model got right and the shadow wrong (McNemar's b)
 * @param shadowOnlyCorrect studies the shadow got right and the active model wrong (McNemar's c)
 * @param mcNemarP          exact two-sided McNemar p-value (binomial test of b against c); NaN when b + c = 0
 */
public record ShadowComparison(Instant from, Instant to, List<String> shadowModels, List<String> activeModels,
                               int images, int shadowRefused, int labelsAgreeing, int activePositives,
                               int shadowPositives, int studies, Accuracy active, Accuracy shadow,
                               int activeOnlyCorrect, int shadowOnlyCorrect, double mcNemarP)
        implements java.io.Serializable {

    /** Share of images both classified on which they gave the same label; NaN without images. */
    public double labelAgreement() {
        return Accuracy.share(labelsAgreeing, images);
    }
}
