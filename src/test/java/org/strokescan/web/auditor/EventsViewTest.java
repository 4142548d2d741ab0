package org.strokescan.web.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.strokescan.audit.entity.AuditQuery;

class EventsViewTest {

    @Test
    void neutralisesSpreadsheetFormulasInExportedCells() {
        assertEquals("'=HYPERLINK(\"http://evil\")", EventsView.csvSafe("=HYPERLINK(\"http://evil\")"));
        assertEquals("'+1+1", EventsView.csvSafe("+1+1"));
        assertEquals("'-2", EventsView.csvSafe("-2"));
        assertEquals("'@SUM(A1)", EventsView.csvSafe("@SUM(A1)"));
        assertEquals("'\tcmd", EventsView.csvSafe("\tcmd"));
    }

    @Test
    void leavesOrdinaryValuesAlone() {
        assertEquals("clinician1", EventsView.csvSafe("clinician1"));
        assertEquals("a=b", EventsView.csvSafe("a=b"));
        assertEquals("", EventsView.csvSafe(""));
        assertNull(EventsView.csvSafe(null));
    }

    @Test
    void theFilterFormBecomesTheQuery() {
        EventsView view = new EventsView();
        view.setFrom(LocalDate.of(2026, 2, 1));
        view.setTo(LocalDate.of(2026, 2, 28));
        view.setActor(" admin ");
        view.setAction("");
        view.setOutcome("  ");
        view.setSubject("patient MRN-1");
        ZoneId zone = ZoneId.systemDefault();
        assertEquals(new AuditQuery(LocalDate.of(2026, 2, 1).atStartOfDay(zone).toInstant(),
                LocalDate.of(2026, 3, 1).atStartOfDay(zone).toInstant(), "admin", null, null, "patient MRN-1"),
                view.query());
    }
}
