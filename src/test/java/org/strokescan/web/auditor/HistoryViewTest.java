package org.strokescan.web.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.boundary.PredictionHistory;
import org.strokescan.examination.entity.HistoryStatistics;
import org.strokescan.examination.entity.PredictionQuery;

class HistoryViewTest {

    private final HistoryView form = new HistoryView();

    @Test
    void blankFieldsFilterNothingAndPercentagesBecomeProbabilities() {
        form.setClinician(" ");
        form.setModelVersion("");
        form.setDeliveryState("  ");
        form.setPatientId(" MRN-9");
        form.setLabel("positive");
        form.setMinPercent(20.0);
        form.setTo(LocalDate.of(2026, 4, 30));
        PredictionQuery expected = new PredictionQuery(null,
                LocalDate.of(2026, 5, 1).atStartOfDay(ZoneId.systemDefault()).toInstant(), null, "MRN-9", Boolean.TRUE,
                null, 0.2, null, null, null, null);
        assertEquals(expected, form.query());
    }

    /** The auditor's "clinician and AI" filter asks for the review that stands now: agreed, disagreed, or any. */
    @Test
    void theAgreementFilterBecomesTheQuerysAgreement() {
        form.setReviewAgreement("disagreed");
        assertEquals(Boolean.FALSE, form.query().clinicianAgrees());
        form.setReviewAgreement("agreed");
        assertEquals(Boolean.TRUE, form.query().clinicianAgrees());
        form.setReviewAgreement("");
        assertEquals(null, form.query().clinicianAgrees());
    }

    /** Chart.js takes the configuration as JSON: labels typed elsewhere (model versions) must not break it. */
    @Test
    void theVersionsChartIsValidJsonWhateverTheVersionsAreCalled() {
        String awkward = "2.0.0 \"rc\", \\ </script>\n";
        SortedMap<LocalDate, Map<String, Long>> perDay = new TreeMap<>(Map.of(
                LocalDate.of(2026, 5, 1), Map.of("1.3.0", 2L, awkward, 5L),
                LocalDate.of(2026, 5, 2), Map.of("1.3.0", 1L)));
        HistoryStatistics statistics = new HistoryStatistics(new TreeMap<>(), new long[10], perDay, new TreeMap<>());
        form.history = new PredictionHistory() {
            @Override
            public HistoryStatistics statistics(PredictionQuery query) {
                return statistics;
            }
        };

        JsonObject chart = Json.createReader(new StringReader(form.getVersionsChart())).readObject();

        assertEquals("bar", chart.getString("type"));
        assertEquals(List.of("2026-05-01", "2026-05-02"), chart.getJsonObject("data").getJsonArray("labels")
                .getValuesAs(JsonString::getString));
        List<JsonObject> datasets = chart.getJsonObject("data").getJsonArray("datasets").getValuesAs(JsonObject.class);
        assertEquals(List.of("1.3.0", awkward), datasets.stream().map(d -> d.getString("label")).toList());
        assertEquals(List.of(2, 1), datasets.get(0).getJsonArray("data").getValuesAs(JsonNumber::intValue));
        assertEquals(List.of(5, 0), datasets.get(1).getJsonArray("data").getValuesAs(JsonNumber::intValue));
        assertTrue(chart.getJsonObject("options").getJsonObject("scales").getJsonObject("x").getBoolean("stacked"));
        assertTrue(chart.getJsonObject("options").getJsonObject("scales").getJsonObject("y").getBoolean("beginAtZero"));
    }
}
