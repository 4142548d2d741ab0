package org.strokescan.web;

import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.Verdict;

/**
 * A study's finding in the viewer's words, the same on every page: once signed, the clinician's finding leads (who
 * signed it, when, and whether it agrees with the AI) and the AI's stays beside it; before that the AI's finding
 * is marked as triage that no one has reviewed yet.
 */
public final class Findings {

    private Findings() {
    }

    /** "Clinician: no haemorrhage — signed (when) by (who) (disagrees with the AI)", from the review that stands now. */
    public static String clinician(Review review) {
        return Messages.text(review.amendment() ? "finding.amended" : "finding.signed",
                Messages.text("finding.clinician." + review.finding().name()), Messages.dateTime(review.signedAt()),
                review.signedBy(), Messages.text(review.agrees() ? "finding.agrees" : "finding.disagrees"));
    }

    /** The AI's study finding, with its study probability where it is known: "haemorrhage suspected (study probability 23.0 %)". */
    private static String ai(Verdict verdict, Double studyProbability) {
        String finding = Messages.text("finding.ai." + verdict.name());
        return studyProbability == null ? finding
                : Messages.text("finding.ai.withProbability", finding, Messages.percent(studyProbability));
    }

    /**
     * The AI's study finding as it stands beside the clinician's once {@code reviewed} ("AI: haemorrhage suspected
     * …"), or alone before that, marked as triage no one has reviewed yet.
     */
    public static String aiLine(Verdict verdict, Double studyProbability, boolean reviewed) {
        return Messages.text(reviewed ? "finding.ai" : "finding.unreviewed", ai(verdict, studyProbability));
    }
}
