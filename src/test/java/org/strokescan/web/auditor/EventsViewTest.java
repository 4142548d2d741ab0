package org.strokescan.web.auditor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

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
}
