package org.strokescan.web.auditor;

import static org.strokescan.web.LazyRows.blankToNull;
import static org.strokescan.web.LazyRows.endOf;
import static org.strokescan.web.LazyRows.startOf;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.primefaces.component.export.PDFOptions;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.StreamedContent;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.audit.entity.AuditQuery;
import org.strokescan.audit.entity.ChainLink;
import org.strokescan.fhir.boundary.AuditEventExport;
import org.strokescan.web.LazyRows;
import org.strokescan.web.Messages;
import org.strokescan.web.PdfExport.Column;
import org.strokescan.web.PdfExport;
import org.strokescan.web.SessionView;

/** The auditor's view of the audit trail: filtered and sorted on the server, one page at a time. */
@Named
@ViewScoped
public class EventsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditTrail audit;

    @Inject
    AuditEventExport fhir;

    @Inject
    SessionView session;

    private LocalDate from;
    private LocalDate to;
    private String actor;
    private String action;
    private String outcome;
    private String subject;

    private final LazyDataModel<ChainLink> events = new LazyRows<>("seq", link -> Long.toString(link.seq()),
            () -> audit.count(query()),
            (first, pageSize, field, ascending) -> audit.search(query(), first, pageSize, field, ascending));

    AuditQuery query() {
        return new AuditQuery(startOf(from), endOf(to), blankToNull(actor), blankToNull(action), blankToNull(outcome),
                blankToNull(subject));
    }

    /** Called before the file is written, so the export is recorded with its format and filter. */
    public void exportingCsv() {
        audit.exported("CSV", query(), audit.count(query()));
    }

    public void exportingPdf() {
        audit.exported("PDF", query(), audit.count(query()));
    }

    public PDFOptions getPdfOptions() {
        return PdfExport.options();
    }

    /**
     * The PDF's columns, in the order of the page's exported columns: values of a known form (sequence number,
     * time, address, action, outcome) get the width of their widest, the free texts share the rest.
     */
    public void pdfLayout(Object document, Object table) {
        PdfExport.layOut(table,
                Column.fit("#", "0000000"),
                Column.fit(Messages.text("events.when"), PdfExport.INSTANT),
                Column.share(2.5f),
                Column.fit(Messages.text("events.address"), "255.255.255.255"),
                Column.fit(Messages.text("events.action"), Arrays.stream(AuditAction.values()).map(Enum::name).toList()),
                Column.share(3),
                Column.fit(Messages.text("events.outcome"), Arrays.stream(AuditOutcome.values()).map(Enum::name).toList()),
                Column.share(4.5f));
    }

    /** The PDF's title: how many records, who exported them when, and the filter. */
    public void pdfTitle(Object document) {
        AuditQuery query = query();
        PdfExport.title(document, Messages.text("pdf.events.title", audit.count(query)),
                PdfExport.byline(session.getUsername(), query.equals(AuditQuery.ALL) ? null : query.toString()));
    }

    /** The chosen period (all of it when no dates are set) as FHIR AuditEvent NDJSON; recorded by the export. */
    public StreamedContent fhirExport() {
        AuditQuery period = query();
        Instant from = period.from() != null ? period.from() : Instant.EPOCH;
        Instant to = period.to() != null ? period.to() : Instant.now().plusSeconds(60);
        byte[] ndjson = fhir.ndjson(from, to).getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder()
                .name("strokescan-audit-events.ndjson")
                .contentType("application/fhir+ndjson")
                .contentLength((long) ndjson.length)
                .stream(() -> new ByteArrayInputStream(ndjson))
                .build();
    }

    /**
     * The actor with the roles they held, in the viewer's words, e.g. {@code admin (Administrator)}; before sign-in
     * just the container's name. The export keeps the stored codes ({@link #whoAsRecorded}).
     */
    public String who(ChainLink event) {
        if (event.actorRoles().isEmpty()) {
            return event.actor();
        }
        return event.actor() + " (" + Arrays.stream(event.actorRoles().split(","))
                .map(role -> Messages.text("role." + role)).collect(Collectors.joining(", ")) + ")";
    }

    /** The actor with the role codes as recorded, e.g. {@code admin (ADMIN)}: for exports read by tools. */
    public String whoAsRecorded(ChainLink event) {
        return event.actorRoles().isEmpty() ? event.actor() : event.actor() + " (" + event.actorRoles() + ")";
    }

    /** What happened, in the viewer's words; the stored code stays in exports and filters. */
    public String actionText(String action) {
        return Messages.text("audit.action." + action);
    }

    public String outcomeText(String outcome) {
        return Messages.text("audit.outcome." + outcome);
    }

    /** The retention line of the page: kept forever, or how many records are past the period (never deleted). */
    public String getRetention() {
        return audit.olderThanRetention().map(older -> Messages.text("events.retention.period", audit.retentionDays(), older))
                .orElse(Messages.text("events.retention.forever"));
    }

    public String format(Instant instant) {
        return Messages.dateTime(instant);
    }

    /**
     * Subjects can be attacker-typed (a failed sign-in's username): a cell starting with = + - @ would run as
     * a formula in a spreadsheet, so it is exported behind a quote.
     */
    public static String csvSafe(String text) {
        return text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    public AuditAction[] getActions() { return AuditAction.values(); }
    public AuditOutcome[] getOutcomes() { return AuditOutcome.values(); }
    public LazyDataModel<ChainLink> getEvents() { return events; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
}
