package org.strokescan.web.clinician;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.entity.ExaminationQuery;
import org.strokescan.examination.entity.Verdict;

class ExaminationsViewTest {

    @Test
    void theFilterFormBecomesTheQueryOfTheCallersExaminations() {
        ExaminationsView view = new ExaminationsView();
        view.setFrom(LocalDate.of(2026, 1, 5));
        view.setPatientId("  MRN-7 ");
        view.setVerdict(Verdict.values()[0]);
        assertEquals(new ExaminationQuery(LocalDate.of(2026, 1, 5).atStartOfDay(ZoneId.systemDefault()).toInstant(), null,
                null, "MRN-7", Verdict.values()[0], null), view.query(), "the boundary adds the clinician");
    }

    @Test
    void anEmptyFormFiltersNothing() {
        ExaminationsView view = new ExaminationsView();
        view.setPatientId("   ");
        assertEquals(new ExaminationQuery(null, null, null, null, null, null), view.query());
    }
}
