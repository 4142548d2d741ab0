package org.strokescan.web.clinician;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import org.strokescan.examination.boundary.Worklist;
import org.strokescan.examination.entity.WorklistEntry;
import org.strokescan.web.Messages;

/**
 * The clinician's live triage worklist: the department's studies from the PACS and the clinician's own uploads,
 * suspected unsigned ones first (the order is the worklist's). Request scoped: the page re-reads the list through
 * the clinician's own session whenever the worklist channel says a line changed.
 */
@Named
@RequestScoped
public class WorklistView {

    @Inject
    Worklist worklist;

    /** read once per request: each read is audited as a view of the patients on it */
    private List<WorklistEntry> entries;

    public List<WorklistEntry> getEntries() {
        if (entries == null) {
            entries = worklist.entries();
        }
        return entries;
    }

    public int getDays() {
        return worklist.days();
    }

    /** Suspected and not yet signed: the rows to read first, marked as such. */
    public boolean urgent(WorklistEntry entry) {
        return entry.suspected() && ("new".equals(entry.state()) || "opened".equals(entry.state()));
    }

    public String verdictText(WorklistEntry entry) {
        return switch (entry.verdict()) {
            case "pending" -> Messages.text("worklist.verdict.pending");
            // never triaged: it must not look like a negative study
            case "refused" -> Messages.text("worklist.verdict.refused");
            case "suspected" -> Messages.text("worklist.verdict.suspected", Messages.percent(entry.probability()));
            default -> Messages.text("worklist.verdict.notSuspected", Messages.percent(entry.probability()));
        };
    }

    public String stateText(WorklistEntry entry) {
        return switch (entry.state()) {
            case "opened" -> Messages.text("worklist.state.opened", entry.openedBy());
            case "signed" -> Messages.text("worklist.state.signed", entry.signedBy());
            case "amended" -> Messages.text("worklist.state.amended", entry.signedBy());
            default -> Messages.text("worklist.state.new");
        };
    }

    public String sourceText(WorklistEntry entry) {
        return Messages.text("pacs".equals(entry.source()) ? "worklist.source.pacs" : "worklist.source.upload");
    }

    /** As the scanner wrote it (no zone); uploads have none. */
    public String studyTime(LocalDateTime studyTime) {
        if (studyTime == null) {
            return "—";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale()).format(studyTime);
    }

    public String received(Instant receivedAt) {
        return Messages.dateTime(receivedAt);
    }

    /** An unsigned study waits from its arrival until now; the page's script keeps counting between updates. */
    public boolean waiting(WorklistEntry entry) {
        return entry.signedBy() == null;
    }

    /** How long a study has waited (an unsigned one until now, a signed one until its signature), e.g. "4 min". */
    public String waitingText(WorklistEntry entry) {
        return waitingText(Duration.between(entry.receivedAt(),
                entry.signedAt() == null ? Instant.now() : entry.signedAt()));
    }

    public static String waitingText(Duration waited) {
        long minutes = Math.max(0, waited.toMinutes());
        return minutes < 60 ? Messages.text("worklist.waiting.minutes", minutes)
                : Messages.text("worklist.waiting.hours", minutes / 60, minutes % 60);
    }

    public long epochMillis(Instant instant) {
        return instant.toEpochMilli();
    }
}
