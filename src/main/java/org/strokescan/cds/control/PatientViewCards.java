package org.strokescan.cds.control;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.strokescan.cds.entity.Card;
import org.strokescan.cds.entity.CardIndicator;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.PatientStudy;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.Verdict;

/**
 * What StrokeScan says about one study on the EHR's patient screen. A suspected study nobody has reviewed is critical;
 * a signed result is a warning (haemorrhage) or information (none), in the clinician's words, which stand over the
 * AI's. A study the AI did not flag and nobody has reviewed gets no card: an unreviewed negative must not reassure.
 */
public final class PatientViewCards {

    public static final String OVERRIDE_SYSTEM = "https://strokescan.org/fhir/CodeSystem/cds-override-reason";

    /** The reasons the EHR may offer its user for overriding a card; its feedback names one. */
    public static final List<Card.Coding> OVERRIDE_REASONS = List.of(
            new Card.Coding(OVERRIDE_SYSTEM, "already-aware", "Already aware of this result"),
            new Card.Coding(OVERRIDE_SYSTEM, "read-elsewhere", "Images already read in PACS or by radiology"),
            new Card.Coding(OVERRIDE_SYSTEM, "not-relevant", "Not relevant to this encounter"));

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    /** A card before it has its uuid and link. */
    public record Draft(CardIndicator indicator, String summary, String detail, String sourceLabel) {
    }

    private final ZoneId zone;

    public PatientViewCards(ZoneId zone) {
        this.zone = zone;
    }

    /** @param today the day "of 10:42" means; other days are written out */
    public Optional<Draft> draft(PatientStudy study, LocalDate today) {
        Examination examination = study.examination();
        String when = when(examination, today);
        String source = "StrokeScan AI triage (" + study.modelName() + " " + study.modelVersion() + ")";
        String ai = String.format(Locale.ENGLISH, "The model %s %s gave the study a probability of %s (it flags a "
                        + "study at %s and above) over %d classified slice%s.", study.modelName(), study.modelVersion(),
                percent(examination.studyProbability()), percent(examination.studyThreshold()),
                examination.sliceCount(), examination.sliceCount() == 1 ? "" : "s");
        String caution = "Decision support, not a diagnosis: the images decide.";
        if (study.currentReview().isEmpty()) {
            if (examination.verdict() != Verdict.SUSPECTED) {
                return Optional.empty();
            }
            return Optional.of(new Draft(CardIndicator.CRITICAL,
                    "Possible intracranial haemorrhage on head CT of " + when + " — AI triage, not yet reviewed",
                    ai + " No clinician has reviewed it yet. " + caution, source));
        }
        Review review = study.currentReview().get();
        String signed = (review.amendment() ? "amended " : "signed ") + when(review, today) + " by "
                + clip(review.signedBy());
        String agreement = review.agrees() ? "The clinician agrees with the AI finding. "
                : "The clinician's finding differs from the AI finding, and stands. ";
        String detail = "Clinician's finding " + signed + ". " + agreement + ai + " " + caution;
        if (review.finding() == Verdict.SUSPECTED) {
            return Optional.of(new Draft(CardIndicator.WARNING, "Intracranial haemorrhage on head CT of " + when
                    + " — " + signed, detail, source));
        }
        return Optional.of(new Draft(CardIndicator.INFO, "No intracranial haemorrhage on head CT of " + when
                + " — " + signed, detail, source));
    }

    private String when(Examination examination, LocalDate today) {
        return format(examination.createdAt().atZone(zone), today);
    }

    private String when(Review review, LocalDate today) {
        return format(review.signedAt().atZone(zone), today);
    }

    private static String format(ZonedDateTime time, LocalDate today) {
        return (time.toLocalDate().equals(today) ? TIME : DAY_AND_TIME).format(time);
    }

    /** A username takes up to 64 characters; the summary must stay under 140. */
    private static String clip(String username) {
        return username.length() <= 32 ? username : username.substring(0, 31) + "…";
    }

    private static String percent(Double probability) {
        return probability == null ? "(not recorded)" : String.format(Locale.ENGLISH, "%.1f %%", 100 * probability);
    }
}
