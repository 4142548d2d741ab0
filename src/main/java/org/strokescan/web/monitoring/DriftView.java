package org.strokescan.web.monitoring;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.strokescan.monitoring.boundary.DriftWatch;
import org.strokescan.monitoring.entity.DriftMetric;
import org.strokescan.monitoring.entity.DriftReport;
import org.strokescan.web.Messages;

/**
 * {@code /monitoring/drift.xhtml}: the active model against its card's validation reference over a window, with the
 * reference band drawn, the stored daily checks and a "check now" (auditors and administrators).
 */
@Named
@ViewScoped
public class DriftView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Stored checks the history table shows. */
    static final int HISTORY = 30;

    @Inject
    DriftWatch watch;

    private int days;
    private DriftReport report;
    private List<Check> history;

    /** One stored check, as the history table shows it. */
    public record Check(Instant checkedAt, String model, int days, boolean alarm, String cause) implements Serializable {
    }

    @PostConstruct
    void init() {
        days = watch.windowDays();
        refresh();
    }

    private void refresh() {
        report = watch.current(days);
        history = new ArrayList<>();
        watch.history(HISTORY).forEach(check -> history.add(new Check(check.checkedAt(), check.modelId(),
                check.windowDays(), check.alarm(), check.cause())));
    }

    /** Recomputes the report over the chosen number of days. */
    public void show() {
        refresh();
    }

    /** Runs a check over the configured window now: stored, audited, and posted to the webhook if it alarms. */
    public void checkNow() {
        DriftReport checked = watch.checkNow();
        refresh();
        Messages.info(checked.alarm() ? "drift.checked.alarm" : "drift.checked.none", checked.alarms());
    }

    public int getDays() {
        return days;
    }

    public void setDays(int days) {
        this.days = days;
    }

    public int getMaxDays() {
        return DriftWatch.MAX_DAYS;
    }

    public DriftReport getReport() {
        return report;
    }

    public List<Check> getHistory() {
        return history;
    }

    public boolean isHasReference() {
        return report.reference() != null;
    }

    public String getWindow() {
        return Messages.text("drift.window", Messages.dateTime(Instant.parse(report.from())),
                Messages.dateTime(Instant.parse(report.to())), report.days());
    }

    public String dateTime(Instant instant) {
        return Messages.dateTime(instant);
    }

    public String metricLabel(DriftMetric metric) {
        return Messages.optionalText("drift.metric." + metric.name()).orElse(metric.name());
    }

    /** A metric's value (or reference, threshold) as shown: p-values in scientific notation, shares in per cent. */
    public String format(DriftMetric metric, Double value) {
        if (value == null) {
            return "—";
        }
        if (metric.name().endsWith(".ks")) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
        if (metric.name().endsWith(".flagged") || metric.name().endsWith(".share")
                || metric.name().endsWith(".agreement")) {
            return String.format(Locale.ROOT, "%.1f %%", 100 * value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    public String thresholdText(DriftMetric metric) {
        return Messages.text("drift.rule." + metric.name(), format(metric, metric.threshold()));
    }

    public List<Map.Entry<String, Long>> getRefusals() {
        return new ArrayList<>(report.refusals().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList());
    }

    /**
     * Chart.js configuration: the live share of slice probabilities in each of the reference's deciles (bars) and the
     * reference band, 10 % each with its 95 % sampling interval for this many slices.
     */
    public String getDecileChart() {
        List<Double> shares = report.sliceDecileShares();
        long slices = report.flaggedPerDay().values().stream().mapToLong(DriftReport.DailyShare::slices).sum();
        double half = slices == 0 ? 0 : 1.96 * Math.sqrt(0.1 * 0.9 / slices);
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder live = Json.createArrayBuilder();
        JsonArrayBuilder low = Json.createArrayBuilder();
        JsonArrayBuilder high = Json.createArrayBuilder();
        for (int i = 0; i < 10; i++) {
            labels.add("D" + (i + 1));
            live.add(i < shares.size() ? shares.get(i) : 0);
            low.add(Math.max(0, 0.1 - half));
            high.add(0.1 + half);
        }
        return chart("bar", labels, Json.createArrayBuilder()
                .add(bars(Messages.text("drift.chart.live"), live, "#1565c0"))
                .add(band(Messages.text("drift.chart.referenceLow"), low, false))
                .add(band(Messages.text("drift.chart.referenceHigh"), high, true)));
    }

    /** Chart.js configuration: the share of slices flagged per day, with the reference's share ± the tolerance. */
    public String getFlaggedChart() {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder live = Json.createArrayBuilder();
        JsonArrayBuilder low = Json.createArrayBuilder();
        JsonArrayBuilder high = Json.createArrayBuilder();
        Double reference = report.referenceSliceFlagged();
        double tolerance = report.metrics().stream().filter(m -> m.name().equals("slice.flagged"))
                .mapToDouble(DriftMetric::threshold).findFirst().orElse(0);
        report.flaggedPerDay().forEach((day, share) -> {
            labels.add(day);
            live.add(share.share());
            if (reference != null) {
                low.add(Math.max(0, reference - tolerance));
                high.add(Math.min(1, reference + tolerance));
            }
        });
        JsonArrayBuilder datasets = Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "line")
                .add("label", Messages.text("drift.chart.flagged")).add("data", live).add("borderColor", "#b91c1c")
                .add("backgroundColor", "#b91c1c").add("fill", false));
        if (reference != null) {
            datasets.add(band(Messages.text("drift.chart.referenceLow"), low, false))
                    .add(band(Messages.text("drift.chart.referenceHigh"), high, true));
        }
        return chart("line", labels, datasets);
    }

    private static JsonObjectBuilder bars(String label, JsonArrayBuilder data, String colour) {
        return Json.createObjectBuilder().add("type", "bar").add("label", label).add("data", data)
                .add("backgroundColor", colour).add("order", 2);
    }

    /** A dashed green line; the upper one fills down to the lower, drawing the band. */
    private static JsonObjectBuilder band(String label, JsonArrayBuilder data, boolean fillToPrevious) {
        JsonObjectBuilder dataset = Json.createObjectBuilder().add("type", "line").add("label", label).add("data", data)
                .add("borderColor", "#1e7b34").add("borderDash", Json.createArrayBuilder().add(6).add(4))
                .add("pointRadius", 0).add("order", 1);
        return fillToPrevious ? dataset.add("fill", "-1").add("backgroundColor", "rgba(30,123,52,0.15)")
                : dataset.add("fill", false);
    }

    private static String chart(String type, JsonArrayBuilder labels, JsonArrayBuilder datasets) {
        return Json.createObjectBuilder().add("type", type)
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.createObjectBuilder().add("animation", false)
                        .add("scales", Json.createObjectBuilder().add("y", Json.createObjectBuilder()
                                .add("beginAtZero", true))))
                .build().toString();
    }
}
