package org.strokescan.web.auditor;

import static org.strokescan.web.LazyRows.blankToNull;
import static org.strokescan.web.LazyRows.endOf;
import static org.strokescan.web.LazyRows.startOf;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.primefaces.component.export.PDFOptions;
import org.primefaces.model.LazyDataModel;
import org.strokescan.examination.boundary.PredictionHistory;
import org.strokescan.cds.boundary.CardFeedbackReports;
import org.strokescan.cds.entity.FeedbackSummary;
import org.strokescan.examination.entity.HistoryStatistics;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionQuery;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.ExaminationSource;
import org.strokescan.examination.entity.ReviewState;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.web.Findings;
import org.strokescan.web.LazyRows;
import org.strokescan.web.Messages;
import org.strokescan.web.PdfExport;
import org.strokescan.web.PdfExport.Column;
import org.strokescan.web.SessionView;

/** The auditor's history of every prediction: filtered and sorted on the server, one page at a time. */
@Named
@ViewScoped
public class HistoryView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PredictionHistory history;

    @Inject
    CardFeedbackReports cardFeedback;

    @Inject
    SessionView session;

    private LocalDate from;
    private LocalDate to;
    private String clinician;
    private String patientId;
    private String label;
    private String modelVersion;
    /** percent, as the auditor types it */
    private Double minPercent;
    private Double maxPercent;
    private ReviewState reviewState;
    private String deliveryState;
    /** "agreed" or "disagreed": the clinician's review that stands now against the AI finding; blank for any */
    private String reviewAgreement;
    private transient HistoryStatistics statistics;
    private transient FeedbackSummary cdsFeedback;
    /** review state of the examinations on the page last loaded */
    private Map<String, ReviewState> reviewStates = Map.of();
    private Map<String, ExaminationSource> sources = Map.of();
    /** the review that stands now of each signed examination on the page last loaded */
    private transient Map<String, Review> currentReviews;

    private final LazyDataModel<Prediction> predictions = new LazyRows<>("createdAt", Prediction::id,
            () -> history.count(query()), this::page);

    /** One page of predictions; the review states of their examinations are read with it, for the page's column. */
    private List<Prediction> page(int first, int pageSize, String field, boolean ascending) {
        List<Prediction> page = history.search(query(), first, pageSize, field, ascending);
        Set<String> examinations = page.stream().map(Prediction::examinationId).filter(id -> id != null)
                .collect(Collectors.toSet());
        reviewStates = history.reviewStates(examinations);
        sources = history.sources(examinations);
        currentReviews = history.currentReviews(examinations);
        return page;
    }

    PredictionQuery query() {
        return new PredictionQuery(startOf(from), endOf(to), blankToNull(clinician), blankToNull(patientId),
                "positive".equals(label) ? Boolean.TRUE : "negative".equals(label) ? Boolean.FALSE : null,
                blankToNull(modelVersion), minPercent == null ? null : minPercent / 100,
                maxPercent == null ? null : maxPercent / 100, reviewState, blankToNull(deliveryState),
                "agreed".equals(reviewAgreement) ? Boolean.TRUE : "disagreed".equals(reviewAgreement) ? Boolean.FALSE : null);
    }

    /** Recomputed when the filter is applied. */
    public void applied() {
        statistics = null;
        cdsFeedback = null;
    }

    /** What the EHRs' users did with StrokeScan's cards in the filter's period, beside the clinicians' agreement. */
    public FeedbackSummary getCdsFeedback() {
        if (cdsFeedback == null) {
            cdsFeedback = cardFeedback.summary(startOf(from), endOf(to));
        }
        return cdsFeedback;
    }

    public String getCdsFeedbackSummary() {
        FeedbackSummary summary = getCdsFeedback();
        return Messages.text("history.cds.summary", summary.cardsIssued(), summary.accepted(), summary.overridden());
    }

    public List<Map.Entry<String, Long>> getCdsOverrideReasons() {
        return List.copyOf(getCdsFeedback().overrideReasons().entrySet());
    }

    private HistoryStatistics statistics() {
        if (statistics == null) {
            statistics = history.statistics(query());
        }
        return statistics;
    }

    /** Chart.js configurations (PrimeFaces' p:chart takes them as JSON): predictions and flagged ones per day. */
    public String getPerDayChart() {
        return perDayChart(statistics().perDay(), "history.chart.predictions", "#1565c0", "history.chart.flagged",
                "#b91c1c", false);
    }

    public String getHistogramChart() {
        JsonArrayBuilder counts = Json.createArrayBuilder();
        List<String> bins = new ArrayList<>();
        long[] histogram = statistics().histogram();
        for (int i = 0; i < histogram.length; i++) {
            counts.add(histogram[i]);
            bins.add(i * 10 + "–" + (i + 1) * 10 + " %");
        }
        return chart("bar", labels(bins), Json.createArrayBuilder()
                .add(dataset(Messages.text("history.chart.predictions"), counts, "#52606d")), false);
    }

    public String getVersionsChart() {
        HistoryStatistics stats = statistics();
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        String[] colours = {"#1565c0", "#b45309", "#1e7b34", "#6b21a8", "#52606d"};
        List<String> versions = stats.versions();
        for (int v = 0; v < versions.size(); v++) {
            JsonArrayBuilder counts = Json.createArrayBuilder();
            String version = versions.get(v);
            stats.versionsPerDay().values().forEach(byVersion -> counts.add(byVersion.getOrDefault(version, 0L)));
            datasets.add(dataset(version, counts, colours[v % colours.length]));
        }
        return chart("bar", labels(stats.versionsPerDay().keySet().stream().map(LocalDate::toString).toList()), datasets, true);
    }

    /** Per day of review: examinations whose clinician agreed with the AI finding, and those who did not. */
    public String getAgreementChart() {
        return perDayChart(statistics().agreementPerDay(), "history.chart.agreed", "#1e7b34", "history.chart.disagreed",
                "#b45309", true);
    }

    /** Two bars per day from {first, second} counts, labelled by message keys. */
    private static String perDayChart(SortedMap<LocalDate, long[]> perDay, String firstLabel, String firstColour,
                                      String secondLabel, String secondColour, boolean stacked) {
        JsonArrayBuilder first = Json.createArrayBuilder();
        JsonArrayBuilder second = Json.createArrayBuilder();
        perDay.values().forEach(counts -> {
            first.add(counts[0]);
            second.add(counts[1]);
        });
        return chart("bar", labels(perDay.keySet().stream().map(LocalDate::toString).toList()),
                Json.createArrayBuilder()
                        .add(dataset(Messages.text(firstLabel), first, firstColour))
                        .add(dataset(Messages.text(secondLabel), second, secondColour)), stacked);
    }

    /** Agreement between the AI finding and the clinicians' reviews over the whole filter, in words. */
    public String getAgreement() {
        HistoryStatistics stats = statistics();
        if (stats.reviewed() == 0) {
            return Messages.text("history.agreement.none");
        }
        return Messages.text("history.agreement", Messages.percent((double) stats.agreed() / stats.reviewed()),
                stats.agreed(), stats.reviewed());
    }

    private static JsonArrayBuilder labels(List<String> labels) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        labels.forEach(array::add);
        return array;
    }

    private static JsonObjectBuilder dataset(String label, JsonArrayBuilder data, String colour) {
        return Json.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", colour);
    }

    private static String chart(String type, JsonArrayBuilder labels, JsonArrayBuilder datasets, boolean stacked) {
        JsonObjectBuilder axis = Json.createObjectBuilder().add("stacked", stacked);
        return Json.createObjectBuilder().add("type", type)
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.createObjectBuilder().add("animation", false)
                        .add("scales", Json.createObjectBuilder().add("x", axis).add("y", Json.createObjectBuilder()
                                .add("stacked", stacked).add("beginAtZero", true))))
                .build().toString();
    }

    /** Where the prediction's image came from in words: a study from the PACS, or a clinician's upload. */
    public String sourceOf(Prediction prediction) {
        ExaminationSource source = prediction.examinationId() == null ? null : sources.get(prediction.examinationId());
        return Messages.text(source == ExaminationSource.PACS ? "history.source.pacs" : "history.source.upload");
    }

    /** The review state of a prediction's examination in words; a dash for a prediction without examination. */
    public String reviewOf(Prediction prediction) {
        ReviewState state = prediction.examinationId() == null ? null : reviewStates.get(prediction.examinationId());
        return state == null ? "—" : Messages.text("reviewState." + state.name());
    }

    private Review currentReview(Prediction prediction) {
        return currentReviews == null || prediction.examinationId() == null ? null
                : currentReviews.get(prediction.examinationId());
    }

    /** The clinician's signed finding for the prediction's study; null while unsigned or without examination. */
    public String clinicalFinding(Prediction prediction) {
        Review review = currentReview(prediction);
        return review == null ? null : Findings.clinician(review);
    }

    /**
     * Beside the clinician's finding, the AI's study verdict it was signed against; the note that no clinician has
     * reviewed the study yet while unsigned; a dash for a prediction without examination.
     */
    public String aiStudyFinding(Prediction prediction) {
        if (prediction.examinationId() == null) {
            return "—";
        }
        Review review = currentReview(prediction);
        return review == null ? Messages.text("finding.source.unreviewed")
                : Findings.aiLine(review.verdict(), null, true);
    }

    /** Both in one cell of the CSV and PDF export. */
    public String findingExport(Prediction prediction) {
        String clinical = clinicalFinding(prediction);
        return clinical == null ? aiStudyFinding(prediction) : clinical + " · " + aiStudyFinding(prediction);
    }

    public String reviewStateText(ReviewState value) {
        return Messages.text("reviewState." + value.name());
    }

    public String deliveryStateText(String value) {
        return Messages.text("delivery." + value);
    }

    public ReviewState[] getReviewStates() { return ReviewState.values(); }
    public List<String> getDeliveryStates() { return Arrays.stream(DeliveryState.values()).map(Enum::name).toList(); }
    public Double getMinPercent() { return minPercent; }
    public void setMinPercent(Double minPercent) { this.minPercent = minPercent; }
    public Double getMaxPercent() { return maxPercent; }
    public void setMaxPercent(Double maxPercent) { this.maxPercent = maxPercent; }
    public ReviewState getReviewState() { return reviewState; }
    public void setReviewState(ReviewState reviewState) { this.reviewState = reviewState; }
    public String getDeliveryState() { return deliveryState; }
    public String getReviewAgreement() { return reviewAgreement; }
    public void setReviewAgreement(String reviewAgreement) { this.reviewAgreement = reviewAgreement; }
    public void setDeliveryState(String deliveryState) { this.deliveryState = deliveryState; }

    /** Called before the file is written, so the export is recorded with its filter and size. */
    public void exportingCsv() {
        history.exported("CSV", query(), history.count(query()));
    }

    public void exportingPdf() {
        history.exported("PDF", query(), history.count(query()));
    }

    public PDFOptions getPdfOptions() {
        return PdfExport.options();
    }

    /**
     * The PDF's columns, in the order of the page's exported columns: time, the probabilities as exported (a
     * {@code double} written out in full) and the finding get the width of their widest; the texts (the clinician's
     * finding among them), the model with its checksum and the image's hash share the rest (a hash breaks where the column ends).
     */
    public void pdfLayout(Object document, Object table) {
        PdfExport.layOut(table,
                Column.fit(Messages.text("events.when"), PdfExport.INSTANT),
                Column.share(1),
                Column.fit(Messages.text("history.source"), Messages.text("history.source.pacs"),
                        Messages.text("history.source.upload")),
                Column.share(1.8f), // a patient identifier such as MRN-165f5edb stays on one line
                Column.share(2),
                Column.fit(Messages.text("history.probability"), PdfExport.WIDEST_DOUBLE),
                Column.fit(Messages.text("history.label"), "positive", "negative"),
                Column.fit(Messages.text("history.threshold"), PdfExport.WIDEST_DOUBLE),
                Column.share(1.5f),
                Column.share(1.2f),
                Column.share(1.5f));
    }

    /** The PDF's title: how many predictions, who exported them when, and the filter. */
    public void pdfTitle(Object document) {
        PredictionQuery query = query();
        PdfExport.title(document, Messages.text("pdf.history.title", history.count(query)),
                PdfExport.byline(session.getUsername(), query.equals(PredictionQuery.ALL) ? null : query.toString()));
    }

    public String format(Instant instant) {
        return Messages.dateTime(instant);
    }

    /** Patient identifiers and file names are typed by users: never let a spreadsheet run them as formulas. */
    public String csvSafe(String text) {
        return EventsView.csvSafe(text);
    }

    public LazyDataModel<Prediction> getPredictions() { return predictions; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public String getClinician() { return clinician; }
    public void setClinician(String clinician) { this.clinician = clinician; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String patientId) { this.patientId = patientId; }
    public String getLabel() { return label; }
    public void setLabel(String label) { this.label = label; }
    public String getModelVersion() { return modelVersion; }
    public void setModelVersion(String modelVersion) { this.modelVersion = modelVersion; }
}
