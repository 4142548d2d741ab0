package org.strokescan.web.auditor;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.strokescan.examination.boundary.PredictionHistory;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionQuery;
import org.strokescan.web.Messages;

/** The auditor's history of every prediction: filtered and sorted on the server, one page at a time. */
@Named
@ViewScoped
public class HistoryView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PredictionHistory history;

    private LocalDate from;
    private LocalDate to;
    private String clinician;
    private String patientId;
    private String label;
    private String modelVersion;

    private final LazyDataModel<Prediction> predictions = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) history.count(query());
        }

        @Override
        public List<Prediction> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
            String field = sort == null ? "createdAt" : sort.getField();
            boolean ascending = sort != null && sort.getOrder() == SortOrder.ASCENDING;
            return history.search(query(), first, pageSize, field, ascending);
        }

        @Override
        public String getRowKey(Prediction prediction) {
            return prediction.id();
        }

        @Override
        public Prediction getRowData(String rowKey) {
            return null; // rows are not selectable
        }
    };

    PredictionQuery query() {
        ZoneId zone = ZoneId.systemDefault();
        return new PredictionQuery(
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(),
                blankToNull(clinician), blankToNull(patientId),
                "positive".equals(label) ? Boolean.TRUE : "negative".equals(label) ? Boolean.FALSE : null,
                blankToNull(modelVersion));
    }

    /** Called before the file is written, so the export is recorded with its filter and size. */
    public void exportingCsv() {
        history.exported("CSV", query(), history.count(query()));
    }

    public String format(Instant instant) {
        return Messages.dateTime(instant);
    }

    /** Patient identifiers and file names are typed by users: never let a spreadsheet run them as formulas. */
    public String csvSafe(String text) {
        return EventsView.csvSafe(text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
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
