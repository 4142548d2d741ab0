package org.strokescan.web.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
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
                null, 0.2, null, null, null);
        assertEquals(expected, form.query());
    }
}
